using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Newsletter.Functions.Tests;

/// <summary>
/// Builds the <see cref="HttpRequest"/> a function class receives (a <see cref="DefaultHttpContext"/>, as the
/// worker's ASP.NET Core integration hands it over), and runs the <see cref="IActionResult"/> it returns the way a
/// host would, so a test reads the status, headers and body a client gets.
/// </summary>
public static class FunctionRequests
{
    public const string BaseUrl = "http://127.0.0.1:7071";

    public static HttpRequest Get(string pathAndQuery, params (string Name, string Value)[] headers) =>
        Build(HttpMethods.Get, pathAndQuery, body: null, contentType: null, headers);

    public static HttpRequest Post(string pathAndQuery, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        Build(HttpMethods.Post, pathAndQuery, Encoding.UTF8.GetBytes(body), contentType, headers);

    /// <summary>A form post, url-encoded as a browser sends it.</summary>
    public static HttpRequest Form(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> fields, params (string Name, string Value)[] headers)
    {
        using var content = new FormUrlEncodedContent(fields);
        var body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return Build(HttpMethods.Post, pathAndQuery, body, "application/x-www-form-urlencoded", headers);
    }

    public static HttpRequest Build(string method, string pathAndQuery, byte[]? body, string? contentType, params (string Name, string Value)[] headers)
    {
        var uri = new Uri(new Uri(BaseUrl), pathAndQuery);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        var request = context.Request;
        request.Method = method;
        request.Scheme = uri.Scheme;
        request.Host = new HostString(uri.Authority);
        request.Path = uri.AbsolutePath;
        request.QueryString = new QueryString(uri.Query);
        foreach (var (name, value) in headers)
        {
            request.Headers.Append(name, value);
        }

        if (body is not null)
        {
            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
            request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return request;
    }

    /// <summary>Executes a function's result against the request it answered and returns what the client would read.</summary>
    public static async Task<FunctionResponse> ExecuteAsync(this IActionResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await using var services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();
        context.RequestServices = services;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var response = context.Response;
        response.Body.Position = 0;
        using var reader = new StreamReader(response.Body, Encoding.UTF8, leaveOpen: true);
        return new FunctionResponse(response.StatusCode, response.Headers, await reader.ReadToEndAsync());
    }
}

/// <summary>What a client reads from a function's answer.</summary>
public sealed record FunctionResponse(int Status, IHeaderDictionary Headers, string Body)
{
    public string? ContentType => Headers.ContentType.ToString() is { Length: > 0 } type ? type : null;
}
