using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Newsletter.Web;

/// <summary>
/// A server-rendered page with the headers every page needs: no caching (links carry
/// tokens), no referrer (so a token never leaks to the privacy notice's site), and a content security
/// policy that allows no script at all, or with <see cref="OwnScripts"/> only the app's own script files (never inline
/// script, never another origin) and requests back to the app.
/// </summary>
public sealed class HtmlPage(string html, int statusCode = StatusCodes.Status200OK) : IActionResult
{
    public string Html { get; } = html;
    public int StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The page loads a script file the app serves (the release form's live preview); it works without it too.</summary>
    public bool OwnScripts { get; init; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
            + (OwnScripts ? "; script-src 'self'; connect-src 'self'" : string.Empty);
        if (RetryAfter is { } retry)
        {
            headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ContentResult { Content = Html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCode }.ExecuteResultAsync(context);
    }
}
