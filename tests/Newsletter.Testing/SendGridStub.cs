using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Newsletter.Testing;

/// <summary>What the stub does with one request instead of (or besides) accepting it.</summary>
public enum StubFault
{
    None,

    /// <summary>429 with <c>Retry-After</c> and the <c>X-RateLimit-*</c> headers; not taken.</summary>
    RateLimited,

    /// <summary>500 with a SendGrid-shaped body; not taken.</summary>
    ServerError,

    /// <summary>Reads the body, then drops the connection without an answer; not taken.</summary>
    DropBeforeAccept,

    /// <summary>Takes the request, then drops the connection: the client cannot know it was taken.</summary>
    AcceptThenDrop,

    /// <summary>Takes the request and answers only after <see cref="SendGridStub.Delay"/> (longer than the client waits).</summary>
    AcceptThenDelay,
}

/// <summary>One accepted personalization: the first recipient and the custom arguments.</summary>
public sealed record StubRecipient(string Email, IReadOnlyDictionary<string, string> CustomArgs, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Substitutions);

/// <summary>
/// A stand-in for the SendGrid v3 API on loopback (Kestrel): <c>POST /v3/mail/send</c> checks the API
/// key, the documented limits (at most 1,000 personalizations and 1,000 recipients per request, under
/// 30 MB, 10 categories, custom arguments under 10,000 bytes) and the required fields, answering
/// errors with SendGrid's <c>{"errors":[{"message","field","help"}]}</c> body; records what it took; and
/// fails on demand through <see cref="Faults"/>.
/// </summary>
public sealed class SendGridStub : IAsyncDisposable
{
    public const string ApiKey = "SG.stub-key";
    private const long MaxBody = 30L * 1024 * 1024;
    private readonly WebApplication _app;
    private long _requests;

    private SendGridStub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Decides the fate of request number n (1-based); null means accept everything.</summary>
    public Func<long, StubFault>? Faults { get; set; }

    /// <summary>How long every answer takes (zero on loopback; an API across the internet answers in ~100 ms).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How long <see cref="StubFault.AcceptThenDelay"/> waits before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether accepted personalizations are kept (off for benchmarks of a million).</summary>
    public bool Record { get; set; } = true;

    public ConcurrentQueue<StubRecipient> Accepted { get; } = new();
    public ConcurrentQueue<string> RejectedBodies { get; } = new();
    public long Requests => Interlocked.Read(ref _requests);
    public long AcceptedRequests => Interlocked.Read(ref _acceptedRequests);
    public long AcceptedPersonalizations => Interlocked.Read(ref _acceptedPersonalizations);
    public ConcurrentDictionary<StubFault, int> FaultCounts { get; } = new();
    private long _acceptedRequests;
    private long _acceptedPersonalizations;

    public static async Task<SendGridStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = MaxBody + 1024;
        });
        var app = builder.Build();
        var stub = new SendGridStub(app);
        app.MapPost("/v3/mail/send", stub.HandleAsync);
        // Counters for a stub run in another process (benchmarks keep its memory out of the figures).
        app.MapGet("/stats", () => new { requests = stub.Requests, acceptedRequests = stub.AcceptedRequests, acceptedPersonalizations = stub.AcceptedPersonalizations });
        await app.StartAsync();
        var address = app.Urls.First();
        stub.BaseAddress = new Uri(address);
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await ErrorAsync(context, 401, "The provided authorization grant is invalid, expired, or revoked", null);
            return;
        }

        // Sized from Content-Length when it is sane, so an 800 KB body is not copied through doubling buffers.
        using var buffer = new MemoryStream(context.Request.ContentLength is > 0 and < MaxBody ? (int)context.Request.ContentLength.Value : 0);
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length >= MaxBody)
        {
            await ErrorAsync(context, 413, "The JSON payload you have included in your request is too large.", null);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var fault = Faults?.Invoke(number) ?? StubFault.None;
        if (fault != StubFault.None)
        {
            FaultCounts.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }

        switch (fault)
        {
            case StubFault.RateLimited:
                context.Response.Headers["Retry-After"] = "1";
                context.Response.Headers["X-RateLimit-Limit"] = "600";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await ErrorAsync(context, 429, "too many requests", null);
                return;
            case StubFault.ServerError:
                await ErrorAsync(context, 500, "internal server error", null);
                return;
            case StubFault.DropBeforeAccept:
                context.Abort();
                return;
        }

        List<(string Message, string? Field)> errors;
        List<StubRecipient> recipients;
        try
        {
            using var json = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            (errors, recipients) = Validate(json.RootElement);
        }
        catch (JsonException)
        {
            errors = [("Bad Request", null)];
            recipients = [];
        }

        if (errors.Count > 0)
        {
            RejectedBodies.Enqueue(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            await ErrorsAsync(context, 400, errors);
            return;
        }

        Interlocked.Increment(ref _acceptedRequests);
        Interlocked.Add(ref _acceptedPersonalizations, recipients.Count);
        if (Record)
        {
            recipients.ForEach(Accepted.Enqueue);
        }

        switch (fault)
        {
            case StubFault.AcceptThenDrop:
                context.Abort();
                return;
            case StubFault.AcceptThenDelay:
                try
                {
                    await Task.Delay(Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        context.Response.StatusCode = 202;
        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
    }

    private static (List<(string, string?)> Errors, List<StubRecipient> Recipients) Validate(JsonElement root)
    {
        var errors = new List<(string, string?)>();
        var recipients = new List<StubRecipient>();
        if (!root.TryGetProperty("from", out var from) || !from.TryGetProperty("email", out var fromEmail) || !IsEmail(fromEmail.GetString()))
        {
            errors.Add(("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from.email"));
        }

        var hasSubject = root.TryGetProperty("subject", out var subject) && subject.GetString() is { Length: > 0 };
        if (!root.TryGetProperty("personalizations", out var personalizations) || personalizations.ValueKind != JsonValueKind.Array || personalizations.GetArrayLength() == 0)
        {
            errors.Add(("The personalizations field is required and must have at least one personalization.", "personalizations"));
            return (errors, recipients);
        }

        if (personalizations.GetArrayLength() > 1000)
        {
            errors.Add(("The personalizations field must have no more than 1000 items.", "personalizations"));
        }

        var total = 0;
        var index = 0;
        foreach (var p in personalizations.EnumerateArray())
        {
            if (!p.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0)
            {
                errors.Add(("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{index}.to"));
                index++;
                continue;
            }

            foreach (var field in new[] { "to", "cc", "bcc" })
            {
                if (p.TryGetProperty(field, out var list))
                {
                    total += list.GetArrayLength();
                    foreach (var address in list.EnumerateArray())
                    {
                        if (!address.TryGetProperty("email", out var email) || !IsEmail(email.GetString()))
                        {
                            errors.Add(("Does not contain a valid address.", $"personalizations.{index}.{field}.email"));
                        }
                    }
                }
            }

            if (!hasSubject && !(p.TryGetProperty("subject", out var own) && own.GetString() is { Length: > 0 }))
            {
                errors.Add(("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
            }

            var args = Strings(p, "custom_args");
            if (args.Sum(a => a.Key.Length + a.Value.Length) > 10_000)
            {
                errors.Add(("The custom_args of a personalization may not exceed 10,000 bytes.", $"personalizations.{index}.custom_args"));
            }

            var headers = Strings(p, "headers");
            foreach (var reserved in new[] { "x-sg-id", "x-sg-eid", "received", "dkim-signature", "content-type", "content-transfer-encoding", "to", "from", "subject", "reply-to", "cc", "bcc" })
            {
                if (headers.Keys.Any(k => string.Equals(k, reserved, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add(($"The header {reserved} is reserved.", $"personalizations.{index}.headers"));
                }
            }

            recipients.Add(new StubRecipient(to[0].GetProperty("email").GetString()!, args, headers, Strings(p, "substitutions")));
            index++;
        }

        if (total > 1000)
        {
            errors.Add(("The total number of recipients (to, cc and bcc) must be less than 1000.", "personalizations"));
        }

        if (!root.TryGetProperty("template_id", out _))
        {
            if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0
                || content.EnumerateArray().Any(c => !c.TryGetProperty("type", out _) || c.GetProperty("value").GetString() is not { Length: > 0 }))
            {
                errors.Add(("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content"));
            }
        }

        if (root.TryGetProperty("categories", out var categories)
            && (categories.GetArrayLength() > 10 || categories.EnumerateArray().Any(c => c.GetString() is not { Length: > 0 and <= 255 })))
        {
            errors.Add(("Categories must be 1 to 255 characters, at most 10 per message.", "categories"));
        }

        return (errors, recipients);
    }

    private static Dictionary<string, string> Strings(JsonElement element, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty(name, out var obj) && obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                result[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return result;
    }

    private static bool IsEmail(string? value) => value is { Length: > 2 } && value.IndexOf('@', StringComparison.Ordinal) is > 0 && !value.EndsWith('@');

    private static Task ErrorAsync(HttpContext context, int status, string message, string? field) =>
        ErrorsAsync(context, status, [(message, field)]);

    private static async Task ErrorsAsync(HttpContext context, int status, IEnumerable<(string Message, string? Field)> errors)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }) });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
