using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Newsletter.Functions.Http;

namespace Newsletter.FunctionApp;

/// <summary>
/// What <c>newsletter serve</c> does around every HTTP function, done in the worker (which has no ASP.NET Core
/// middleware pipeline of its own): the security headers on every answer, and a body the client sent too
/// large, cut short or too slowly answered with its status and a clear page or JSON error instead of a 500.
/// It runs inside the ASP.NET Core integration's own middleware, which executes the function's result after it.
/// </summary>
public sealed class HttpAnswers(ILogger<HttpAnswers> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        SecurityHeaders.Register(http.Response);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ClientErrors.Find(ex) is { } bad && !http.Response.HasStarted)
        {
            await ClientErrors.WriteAsync(http, bad, logger);
        }
    }
}
