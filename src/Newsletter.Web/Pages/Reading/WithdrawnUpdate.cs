namespace Newsletter.Web.Pages.Reading;

/// <summary>What the page of a withdrawn update says: which update, when, and the editors' note.</summary>
public sealed record WithdrawnUpdate(string Title, DateTimeOffset? At, string? Note);
