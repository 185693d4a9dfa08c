using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Access;

namespace Newsletter.Functions.Access;

/// <summary>
/// The session cookie: HttpOnly, SameSite=Lax, path /, and Secure with the <c>__Host-</c> prefix
/// whenever <c>App:BaseUrl</c> is https. Behind the Functions host every request reaches the worker
/// as plain http from loopback, so the request itself cannot tell.
/// </summary>
public sealed class SessionCookie(AccessLinks links)
{
    public string Name => links.IsHttps ? "__Host-session" : "session";

    public string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies[Name];
    }

    public void Write(HttpResponse response, string secret, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Name, secret, Options(lifetime));
    }

    public void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(null));
    }

    private CookieOptions Options(TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = links.IsHttps,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}

/// <summary>303 See Other, optionally setting or clearing the session cookie on the way: after a POST, the browser GETs the target.</summary>
public sealed class SeeOther(string location, Action<HttpResponse>? cookies = null) : IActionResult
{
    public string Location { get; } = location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        cookies?.Invoke(response);
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = Location;
        response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}

/// <summary>A result that clears the session cookie before another result runs (a signed-out page).</summary>
public sealed class WithCookies(IActionResult inner, Action<HttpResponse> cookies) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        cookies(context.HttpContext.Response);
        return inner.ExecuteResultAsync(context);
    }
}
