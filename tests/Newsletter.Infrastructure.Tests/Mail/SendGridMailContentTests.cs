using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Mail;
using Newsletter.Testing;
using SendGrid;

namespace Newsletter.Infrastructure.Tests.Mail;

/// <summary>The streamed mail/send body and request against what the SendGrid SDK builds from the same message.</summary>
public sealed class SendGridMailContentTests
{
    private const string Greeting = "-greeting-";
    private const string Unsubscribe = "-unsubscribe_url-";

    /// <summary>
    /// Names and texts that need escaping (quotes, backslashes, control characters, <c>&lt;&gt;&amp;</c>), non-ASCII and
    /// emoji, a null and an empty name, and an HTML part of about 25 KB with an emoji across the writer's 2,048-character slices.
    /// </summary>
    private static BulkMessage Message(string? text = null, string? html = null, int extraReaders = 200)
    {
        string?[] names = ["Zoë Ångström", "\"Doc\" O'Brien <doc@example.org>", "李雷 & 韩梅梅", null, string.Empty, "😀 Emoji Fan \\ back\tslash"];
        var readers = names.Select((name, i) => (Address: $"reader{i}@example.org", Name: name))
            .Concat(Enumerable.Range(names.Length, extraReaders).Select(i => (Address: $"r{i}@example.org", Name: (string?)$"Reader {i}")));
        var filler = new StringBuilder("<html><body><p class=\"intro\">Tom &amp; Jerry &lt;3 ").Append(Greeting).Append("</p>");
        filler.Append('a', 2047 - filler.Length).Append("😀");
        while (filler.Length < 25_000)
        {
            filler.Append("<p><a href=\"https://news.example.org/u/1?x=1&amp;y=2\">Über «quoted» \"news\"</a> — 🧪 ünïcödé</p>\n");
        }

        filler.Append("<p><a href=\"").Append(Unsubscribe).Append("\">Unsubscribe</a>\u0001</p></body></html>");
        return new BulkMessage(
            "updates@news.example.org", "Science Network \"Daily\"", "Digest — «Ünïcödé» \"quoted\" <b>&</b> 🧪",
            html ?? filler.ToString(),
            text ?? $"{Greeting}\r\n\tToday's news \\ 10 updates ☃\nUnsubscribe: {Unsubscribe}",
            new Dictionary<string, string> { ["List-Id"] = "Science Network <daily.news.example.org>" },
            ["daily", "digest"],
            readers.Select((r, i) => new Personalization(
                r.Address, r.Name,
                new Dictionary<string, string>
                {
                    [Greeting] = r.Name is { Length: > 0 } name ? $"Hi {name}," : "Hello,",
                    [Unsubscribe] = $"https://news.example.org/api/unsubscribe?token=eyJyIjoi{i}In0&sig=ab%2Bc/d==",
                },
                new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<https://news.example.org/api/unsubscribe?token=t{i}&sig=s>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                },
                new Dictionary<string, string> { ["edition_id"] = "daily-20261130T0700", ["reader_id"] = $"reader{i}" })).ToArray());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(null, "")]
    [InlineData("", "")]
    public async Task Body_IsTheJsonTheSdkSerializes(string? text, string? html)
    {
        var message = Message(text, html);
        using var content = new SendGridMailContent(message);

        var streamed = await BodyAsync(content);

        AssertSameJson(SendGridSdkMessage.From(message).Serialize(), streamed);
    }

    [Fact]
    public async Task Body_IsTheSame_ForEveryAttempt_WithItsExactLength()
    {
        using var content = new SendGridMailContent(Message());

        var first = await BodyAsync(content);
        var second = await BodyAsync(content);

        Assert.Equal(first, second);
        // Large enough that the pooled buffer grew past its first estimate or held a large body.
        Assert.True(first.Length > 4 * 16 * 1024, $"only {first.Length} bytes");
        // Written once into pooled buffers and sent from there: same bytes, exact length.
        Assert.Equal(first.Length, content.Headers.ContentLength);
        Assert.Equal(first, await BodyAsync(content));
        Assert.Equal(first, await BodyAsync(content));
        Assert.Equal("application/json", content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Request_IsTheOneTheSdkSends()
    {
        var message = Message(extraReaders: 3);
        var sdk = new CapturingHandler();
        using (var sdkClient = new HttpClient(sdk))
        {
            await new SendGridClient(sdkClient, new SendGridClientOptions { ApiKey = "SG.key", Host = "https://api.sendgrid.com" })
                .SendEmailAsync(SendGridSdkMessage.From(message));
        }

        var ours = new CapturingHandler();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new SendGridOptions { ApiKey = "SG.key", Host = "https://api.sendgrid.com" }));
        services.AddSendGridHttpClient().ConfigurePrimaryHttpMessageHandler(() => ours);
        services.AddSingleton<SendGridBulkMailSender>();
        await using (var provider = services.BuildServiceProvider())
        {
            var result = await provider.GetRequiredService<SendGridBulkMailSender>().SendAsync(message, CancellationToken.None);
            Assert.Equal(BulkSendStatus.Accepted, result.Status);
        }

        var expected = Assert.Single(sdk.Requests);
        var actual = Assert.Single(ours.Requests);
        Assert.Equal("POST https://api.sendgrid.com/v3/mail/send", $"{expected.Method} {expected.Uri}");
        Assert.Equal($"{expected.Method} {expected.Uri}", $"{actual.Method} {actual.Uri}");
        Assert.StartsWith("Authorization: Bearer SG.key", expected.Headers, StringComparison.Ordinal);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.ContentType, actual.ContentType);
        AssertSameJson(expected.Body, actual.Body);
    }

    private static async Task<byte[]> BodyAsync(HttpContent content)
    {
        // CopyToAsync serializes each time (ReadAsByteArrayAsync would buffer the first result).
        using var body = new MemoryStream();
        await content.CopyToAsync(body);
        return body.ToArray();
    }

    private static void AssertSameJson(string expected, byte[] actual) => AssertSameJson(expected, Encoding.UTF8.GetString(actual));

    private static void AssertSameJson(string expected, string actual)
    {
        var want = Normalised(JsonNode.Parse(expected));
        var got = Normalised(JsonNode.Parse(actual));
        Assert.True(JsonNode.DeepEquals(want, got), $"expected\n{want?.ToJsonString()}\nbut got\n{got?.ToJsonString()}");
    }

    /// <summary>The same JSON with every object's properties in ordinal order, so only content counts.</summary>
    private static JsonNode? Normalised(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalised(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalised).ToArray()),
        _ => node?.DeepClone(),
    };

    private sealed record CapturedRequest(HttpMethod Method, Uri? Uri, string Headers, string? ContentType, string Body);

    /// <summary>Answers 202 as SendGrid does, keeping what was sent.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<CapturedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new CapturedRequest(request.Method, request.RequestUri, request.Headers.ToString(), request.Content?.Headers.ContentType?.ToString(), body));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
