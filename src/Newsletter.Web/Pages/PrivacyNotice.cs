namespace Newsletter.Web.Pages;

/// <summary>
/// What the privacy page names: the list, the notice's version recorded with each consent, the
/// organisation responsible, whom to ask, where it is, and how long data is kept.
/// </summary>
public sealed record PrivacyNotice(string NetworkName, string Version, string Organisation, string Contact, string ContactHref, string PostalAddress, int RetentionMonths);
