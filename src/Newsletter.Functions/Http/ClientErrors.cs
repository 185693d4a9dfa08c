using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Functions.Http;

/// <summary>
/// A request the client got wrong while its body was read (too large, shorter than declared, too slow):
/// its own status (413, 400, 408) with a clear answer, not a 500 with a stack trace. A form of a page gets a
/// page; anything else the JSON error shape <c>{ "error", "message" }</c>. Shared by the Functions worker's
/// middleware and <c>newsletter serve</c>, so both answer alike.
/// </summary>
public static partial class ClientErrors
{
    /// <summary>The client's error behind an exception, if it is one (the worker may wrap what the function threw).</summary>
    public static BadHttpRequestException? Find(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException bad)
            {
                return bad;
            }
        }

        return null;
    }

    private const string ExplanationKey = "Newsletter.FormExplanation";

    /// <summary>
    /// The 400 for a form body that arrived but cannot be read as a form (too many fields, malformed); the page
    /// shows <paramref name="explanation"/>, so the person learns what was wrong instead of an empty form's refusal.
    /// </summary>
    public static BadHttpRequestException NotAForm(string explanation, Exception inner)
    {
        var error = new BadHttpRequestException(explanation, StatusCodes.Status400BadRequest, inner);
        error.Data[ExplanationKey] = explanation;
        return error;
    }

    public static async Task WriteAsync(HttpContext context, BadHttpRequestException error, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        LogBadRequest(logger, context.Request.Method, context.Request.Path, error.StatusCode, error.Message);
        context.Response.Clear();
        SecurityHeaders.Apply(context.Response);
        var tooLarge = error.StatusCode == StatusCodes.Status413PayloadTooLarge;
        if (IsPageForm(context.Request) && context.RequestServices?.GetService<PageRenderer>() is { } pages)
        {
            var refusal = tooLarge ? Refusal.FormTooLarge
                : error.Data[ExplanationKey] is string explanation ? Refusal.FormNotReadable(explanation)
                : Refusal.FormUnreadable;
            var page = await pages.PageAsync<RefusalPage, Refusal>(refusal, error.StatusCode);
            await page.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            return;
        }

        context.Response.StatusCode = error.StatusCode;
        await context.Response.WriteAsJsonAsync(new
        {
            error = tooLarge ? "payload_too_large" : "bad_request",
            message = tooLarge ? "The request body is too large." : "The request body could not be read.",
        });
    }

    /// <summary>A form of one of the site's pages (not a JSON endpoint under /api).</summary>
    private static bool IsPageForm(HttpRequest request) =>
        request.HasFormContentType && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(LogLevel.Warning, "Bad request {Method} {Path}: {Status} {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status, string reason);
}
