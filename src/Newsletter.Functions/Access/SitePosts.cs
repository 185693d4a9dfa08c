using Microsoft.AspNetCore.Http;
using Newsletter.Core.Access;

namespace Newsletter.Functions.Access;

/// <summary>
/// Tells a form post from this site's own pages from one another site's page made the browser send, before the form
/// is read: a page elsewhere must neither complete a sign-in (login CSRF: it would post the attacker's own code or link
/// and sign the visitor in as the attacker) nor change anything in the portal or the console in the visitor's name. The
/// anti-forgery token still decides every session's form; this is the second line.
/// </summary>
/// <remarks>
/// This site's origin is <c>App:BaseUrl</c>'s (its public base URL), or the one the request was addressed to (a local host
/// reached by another name); another site cannot make a browser send either with its own <c>Origin</c>. Each piece of evidence
/// present must agree: Fetch Metadata, where the browser sends it (<c>Sec-Fetch-Site</c> is <c>same-origin</c> for the site's own
/// forms, <c>none</c> for an address opened from a mail client or typed, <c>same-site</c> for a sibling host of the same
/// registrable domain; anything else, first of all <c>cross-site</c>, is refused); a real <c>Origin</c> (not <c>null</c>) must be
/// this site's, a sibling host included being another origin; without one, a <c>Referer</c> must be a page of this site. Our pages answer with
/// <c>Referrer-Policy: no-referrer</c>, under which browsers send <c>Origin: null</c> and no <c>Referer</c> even for a
/// same-origin form, so <c>null</c> proves nothing either way. A client that sends none of these headers (curl, a script) is
/// no browser whose cookies another site could use: the token decides.
/// </remarks>
public static class SitePosts
{
    private static readonly string[] Accepted = ["same-origin", "same-site", "none"];

    public static bool IsFromAnotherSite(HttpRequest request, AccessLinks links)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(links);

        // The browser's own word first: a post it calls cross-site is refused whatever else it carries.
        var site = request.Headers["Sec-Fetch-Site"].ToString().Trim();
        if (site.Length > 0 && !Accepted.Contains(site, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString().Trim();
        if (origin.Length > 0 && !string.Equals(origin, "null", StringComparison.Ordinal))
        {
            return !IsOwn(origin, request, links);
        }

        var referer = request.Headers.Referer.ToString().Trim();
        if (referer.Length > 0)
        {
            return !(Uri.TryCreate(referer, UriKind.Absolute, out var page) && page.Scheme is "http" or "https"
                && IsOwn(page.GetLeftPart(UriPartial.Authority), request, links));
        }

        return false;
    }

    private static bool IsOwn(string origin, HttpRequest request, AccessLinks links) =>
        SameOrigin(origin, new Uri(links.SignIn).GetLeftPart(UriPartial.Authority)) || SameOrigin(origin, $"{request.Scheme}://{request.Host}");

    private static bool SameOrigin(string origin, string expected) => string.Equals(origin.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);
}
