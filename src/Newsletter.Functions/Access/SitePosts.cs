using Microsoft.AspNetCore.Http;
using Newsletter.Core.Access;

namespace Newsletter.Functions.Access;

/// <summary>
/// Tells a form post this site's own pages sent from one another site's page made the browser send. A page
/// elsewhere must not complete a sign-in (login CSRF: it would post the attacker's own code or link and sign
/// the visitor in as the attacker).
/// </summary>
/// <remarks>
/// Fetch Metadata decides where the browser sends it: <c>Sec-Fetch-Site</c> is <c>same-origin</c> for the
/// site's own forms, <c>none</c> for an address opened from a mail client or typed, <c>same-site</c> for a
/// sibling host of the same registrable domain (such as www. beside the bare name); anything else, first of
/// all <c>cross-site</c>, is refused. A browser too old to send it is judged by <c>Origin</c>, when that is a
/// real origin: our pages answer with <c>Referrer-Policy: no-referrer</c>, under which browsers send
/// <c>Origin: null</c> even for a same-origin post, so <c>null</c> proves nothing either way. A client that
/// sends neither header (curl, a script) is no browser whose cookies another site could use, and passes.
/// </remarks>
public static class SitePosts
{
    private static readonly string[] Accepted = ["same-origin", "same-site", "none"];

    public static bool IsFromAnotherSite(HttpRequest request, AccessLinks links)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(links);
        var site = request.Headers["Sec-Fetch-Site"].ToString().Trim();
        if (site.Length > 0)
        {
            return !Accepted.Contains(site, StringComparer.OrdinalIgnoreCase);
        }

        var origin = request.Headers.Origin.ToString().Trim();
        if (origin.Length == 0 || string.Equals(origin, "null", StringComparison.Ordinal))
        {
            return false;
        }

        return !SameOrigin(origin, new Uri(links.SignIn).GetLeftPart(UriPartial.Authority))
            && !SameOrigin(origin, $"{request.Scheme}://{request.Host}");
    }

    private static bool SameOrigin(string origin, string expected) => string.Equals(origin.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);
}
