namespace Newsletter.Web.Layout;

/// <summary>
/// Who is looking at a public page, as far as the layout needs to know (one per request scope): set by the function when the
/// visitor has a live session, so the footer leads to their start page instead of offering to sign in. Pages are never cached
/// (<c>Cache-Control: no-store</c>), so a page that names it reaches that visitor only.
/// </summary>
public sealed class PageViewer
{
    /// <summary>The signed-in visitor's start page (the console or the portal); null for everyone else.</summary>
    public string? SignedInHome { get; set; }
}
