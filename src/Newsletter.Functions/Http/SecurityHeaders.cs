using Microsoft.AspNetCore.Http;

namespace Newsletter.Functions.Http;

/// <summary>
/// The headers every answer carries, in the Functions worker and in <c>newsletter serve</c> alike: JSON,
/// feeds, redirects and errors too, not only the pages (which set their own, stricter policy for HTML).
/// </summary>
public static class SecurityHeaders
{
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Adds the headers the answer does not set itself, now and again as it starts (an answer may clear its headers first).</summary>
    public static void Register(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Apply(response);
        response.OnStarting(() =>
        {
            Apply(response);
            return Task.CompletedTask;
        });
    }

    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("X-Frame-Options", "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        headers.TryAdd("Content-Security-Policy", DefaultPolicy);
    }
}
