using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsletter.Functions.Http;
using Newsletter.Web;
using Newsletter.Web.Pages;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// Serves the HTTP functions at their routes as the Functions host does: the same methods and route
/// template, the class resolved from the request's scope, the returned IActionResult executed.
/// </summary>
internal static class HttpFunctionRouter
{
    /// <summary>
    /// host.json's <c>extensions.http.routePrefix</c>: empty, so pages sit at the root of the site and
    /// each route names its own prefix (<c>api/...</c> for JSON).
    /// </summary>
    public const string RoutePrefix = "";

    public static IReadOnlyList<TriggerDescriptor> MapHttpFunctions(this WebApplication app)
    {
        var functions = FunctionCatalog.WorkerFunctions().Where(f => f.Kind == TriggerKind.Http).ToArray();
        foreach (var function in functions)
        {
            var invoke = CreateInvoker(function);
            app.MapMethods(RoutePrefix.Length == 0 ? function.Binding : $"{RoutePrefix}/{function.Binding}", function.HttpMethods, invoke).WithName(function.Name);
        }

        app.MapFallback(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(context.Request.Method))
            {
                await WriteErrorAsync(context, StatusCodes.Status404NotFound, "not_found", $"No function answers {context.Request.Method} {context.Request.Path}.");
                return;
            }

            var page = await context.RequestServices.GetRequiredService<PageRenderer>().PageAsync<NotFoundPage, NotFound>(NotFound.Page, StatusCodes.Status404NotFound);
            await page.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        });
        return functions;
    }

    private static RequestDelegate CreateInvoker(TriggerDescriptor function)
    {
        var method = function.Method;
        var type = method.DeclaringType!;
        var binders = method.GetParameters().Select(CreateBinder).ToArray();
        if (!typeof(IActionResult).IsAssignableFrom(method.ReturnType) && !typeof(Task<IActionResult>).IsAssignableFrom(method.ReturnType))
        {
            throw new InvalidOperationException($"HTTP function {function.Name} must return IActionResult or Task<IActionResult>.");
        }

        var needsKey = function.AuthLevel != AuthorizationLevel.Anonymous;
        return async context =>
        {
            if (needsKey && !HasFunctionKey(context))
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                    "This endpoint needs the admin key in the x-functions-key header or the code query parameter.");
                return;
            }

            var target = context.RequestServices.GetRequiredService(type);
            var arguments = binders.Select(b => b(context)).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }

            var result = returned is Task<IActionResult> task ? await task : (IActionResult)returned!;
            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        };
    }

    /// <summary>
    /// The local stand-in for the Functions host's key check: the one key is the setting <c>Admin:Key</c>,
    /// accepted where Azure accepts a function key.
    /// </summary>
    private static bool HasFunctionKey(HttpContext context)
    {
        var expected = context.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[LocalHost.AdminKeySetting];
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var presented = context.Request.Headers["x-functions-key"].ToString();
        if (presented.Length == 0)
        {
            presented = context.Request.Query["code"].ToString();
        }

        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
    }

    private static Func<HttpContext, object?> CreateBinder(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        {
            return parameter.ParameterType == typeof(HttpRequest)
                ? context => context.Request
                : throw new InvalidOperationException($"The HTTP trigger parameter '{parameter.Name}' must be an HttpRequest.");
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(FunctionContext))
        {
            throw new InvalidOperationException(
                $"{parameter.Member.Name} takes a FunctionContext; function classes take what they need as parameters instead.");
        }

        // Route parameters bind by name, as in the Functions host.
        var name = parameter.Name!;
        var target = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return context =>
        {
            var value = context.GetRouteValue(name)?.ToString();
            return value is null
                ? (parameter.HasDefaultValue ? parameter.DefaultValue : null)
                : target == typeof(string) ? value : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        };
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = code, message });
    }

    /// <summary>An unhandled exception becomes a 500 with a JSON body, as the Functions host answers; the details go to the log.</summary>
    public static void UseFunctionErrors(this WebApplication app) => app.Use(async (context, next) =>
    {
        // The worker's HttpAnswers middleware does the same with the same code: headers on every answer, the client's errors answered.
        SecurityHeaders.Register(context.Response);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await ClientErrors.WriteAsync(context, ex, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Newsletter.Cli.Http"));
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Newsletter.Cli.Http")
                .LogError(ex, "Unhandled exception in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal_error",
                "The request failed; the details are in the host's log.");
        }
    });
}
