namespace Newsletter.Web.Pages;

/// <summary>What a not-found page says: which thing is missing, and why it may be.</summary>
public sealed record NotFound(string Heading, string Explanation)
{
    public static NotFound Edition { get; } = new("No such edition", "The link may be mistyped.");
    public static NotFound Update { get; } = new("No such update", "It may have been withdrawn, or the link is mistyped.");
    public static NotFound Page { get; } = new("Page not found", "There is no page at this address. The link may be mistyped or out of date.");
}
