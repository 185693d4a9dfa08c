namespace Newsletter.Web.Pages;

/// <summary>What the privacy page names: the list, and the notice's version recorded with each consent.</summary>
public sealed record PrivacyNotice(string NetworkName, string Version);
