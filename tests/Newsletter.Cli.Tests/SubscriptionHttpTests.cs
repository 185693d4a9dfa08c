using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>The subscription flow over HTTP through the local host: real pages, real queues, real Table storage on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public partial class SubscriptionHttpTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private sealed class Site : IAsyncDisposable
    {
        public required LocalHost Host { get; init; }
        public required HttpClient Http { get; init; }
        public required string Outbox { get; init; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
        }

        public async Task<string> RenderTokenAsync(string? ip = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("subscribe", UriKind.Relative));
            if (ip is not null)
            {
                request.Headers.Add("X-Forwarded-For", ip);
            }

            using var response = await Http.SendAsync(request);
            return RenderStamp().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        public async Task<HttpResponseMessage> PostSignupAsync(string email, string? name = null, string? website = null, string? renderToken = null,
            string[]? topics = null, string? ip = null)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("email", email), new("name", name ?? string.Empty), new("frequency", "weekly"), new("website", website ?? string.Empty),
                new("rendered", renderToken ?? await RenderTokenAsync(ip)),
            };
            fields.AddRange((topics ?? []).Select(t => new KeyValuePair<string, string>("topics", t)));
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("subscribe", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
            if (ip is not null)
            {
                request.Headers.Add("X-Forwarded-For", ip);
            }

            return await Http.SendAsync(request);
        }

        public async Task<MimeMessage> MailAsync(int count)
        {
            var files = await Eventually.ValueAsync(() => Task.FromResult(
                Directory.Exists(Outbox) && Directory.GetFiles(Outbox, "*.eml").Length >= count ? Directory.GetFiles(Outbox, "*.eml").Order().ToArray() : null),
                MailWait, $"mail #{count} in the outbox");
            return await MimeMessage.LoadAsync(files[count - 1]);
        }

        public int MailCount => Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*.eml").Length : 0;

        public async Task<Reader?> ReaderAsync(string email)
        {
            var key = Host.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(email));
            return await Host.Services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None);
        }

        public async Task<int> QueuedSignupsAsync()
        {
            var queue = Host.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Signups);
            return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
    }

    private async Task<Site> StartAsync(params (string Key, string Value)[] settings)
    {
        var data = Directory.CreateTempSubdirectory("subscriptions-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Subscriptions:MinRenderSeconds"] = "0",
            ["Subscriptions:IpRateLimit"] = "1000",
            ["Subscriptions:Topics"] = "Research,Innovation,Funding",
            ["App:NetworkName"] = "Test Network",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data, Settings = all });
        return new Site
        {
            Host = host,
            Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress },
            Outbox = Path.Combine(data, "outbox"),
        };
    }

    private static string Link(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody!, $@"http://127\.0\.0\.1:\d+/{Regex.Escape(path)}\?token=\S+");
        Assert.True(match.Success, $"no {path} link in {mail.TextBody}");
        return match.Value;
    }

    /// <summary>The one-click URL of a mail's List-Unsubscribe header (the first entry; a mailto follows it).</summary>
    private static string OneClickUrl(MimeMessage mail)
    {
        var header = mail.Headers["List-Unsubscribe"] ?? string.Empty;
        var match = Regex.Match(header, @"^<(http://127\.0\.0\.1:\d+/unsubscribe\?token=[^>]+)>, <mailto:unsubscribe@[^>]+\?subject=unsubscribe>$");
        Assert.True(match.Success, header);
        return match.Groups[1].Value;
    }

    private static async Task<(int Status, string Body)> Read(HttpResponseMessage response)
    {
        using (response)
        {
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>What the button on the confirmation page sends: a POST to the link's own address.</summary>
    private static async Task<HttpResponseMessage> PressConfirmAsync(Site site, string link)
    {
        using var empty = new FormUrlEncodedContent([]);
        return await site.Http.PostAsync(new Uri(link), empty);
    }

    /// <summary>Signs up and confirms; returns the welcome mail.</summary>
    private static async Task<MimeMessage> SubscribeAndConfirmAsync(Site site, string email, int mailsBefore = 0)
    {
        await Read(await site.PostSignupAsync(email, "Jane", topics: ["Research"]));
        var confirmation = await site.MailAsync(mailsBefore + 1);
        await Read(await PressConfirmAsync(site, Link(confirmation, "confirm")));
        return await site.MailAsync(mailsBefore + 2);
    }

    [Fact]
    public async Task SignupPage_IsAnAccessibleFormWithTheConfiguredTopics()
    {
        await using var site = await StartAsync(("Subscriptions:PrivacyNoticeUrl", "https://example.org/privacy"));

        using var response = await site.Http.GetAsync(new Uri("subscribe", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Subscribe to Test Network</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">", html, StringComparison.Ordinal);
        Assert.Contains("<legend>Topics</legend>", html, StringComparison.Ordinal);
        foreach (var topic in new[] { "Research", "Innovation", "Funding" })
        {
            Assert.Contains($"name=\"topics\" value=\"{topic}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<legend>How often</legend>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/privacy\"", html, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_AnswersTheSameForNewPendingActiveAndUnsubscribedAddresses()
    {
        await using var site = await StartAsync();
        await SubscribeAndConfirmAsync(site, "active@example.org");
        await Read(await site.PostSignupAsync("left@example.org"));
        (await PressConfirmAsync(site, Link(await site.MailAsync(3), "confirm"))).Dispose();
        var leftWelcome = await site.MailAsync(4);
        using (var content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))
        {
            await Read(await site.Http.PostAsync(new Uri(Link(leftWelcome, "unsubscribe")), content));
        }

        await Read(await site.PostSignupAsync("pending@example.org"));
        Assert.Equal(ReaderState.Unsubscribed, (await site.ReaderAsync("left@example.org"))!.State);

        var answers = new[]
        {
            await Read(await site.PostSignupAsync("new@example.org")),
            await Read(await site.PostSignupAsync("Pending@Example.org")),
            await Read(await site.PostSignupAsync("active@example.org")),
            await Read(await site.PostSignupAsync("left@example.org")),
        };

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.Contains("Check your inbox", answers[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmationMail_ArrivesInTheOutbox_AndThePressOnItsPageActivatesTheReader()
    {
        await using var site = await StartAsync();

        await Read(await site.PostSignupAsync(" Jane@Example.ORG ", "Jane", topics: ["Research", "Funding"]));
        var mail = await site.MailAsync(1);

        Assert.Equal("Jane@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Contains("confirm", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains(Link(mail, "confirm"), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Pending, (await site.ReaderAsync("jane@example.org"))!.State);

        // Opening the link (a person, or a scanner following it) shows the button and changes nothing.
        var (status, page) = await Read(await site.Http.GetAsync(new Uri(Link(mail, "confirm"))));
        Assert.Equal(200, status);
        Assert.Contains("<button type=\"submit\">Confirm my subscription</button>", page, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Pending, (await site.ReaderAsync("jane@example.org"))!.State);

        (status, page) = await Read(await PressConfirmAsync(site, Link(mail, "confirm")));

        Assert.Equal(200, status);
        Assert.Contains("You are subscribed", page, StringComparison.Ordinal);
        Assert.Matches("href=\"http://127.0.0.1:\\d+/preferences\\?token=", page);
        var reader = (await site.ReaderAsync("jane@example.org"))!;
        Assert.Equal(ReaderState.Active, reader.State);
        Assert.Equal(["Research", "Funding"], reader.Topics);
        Assert.NotNull(reader.Consent!.ConfirmedAt);
        Assert.NotNull(reader.Consent.IpHash);
        var welcome = await site.MailAsync(2);
        Assert.StartsWith("Welcome", welcome.Subject, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Preferences_ShowSaveExportAndErase()
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var preferences = new Uri(Link(welcome, "preferences"));

        var (status, page) = await Read(await site.Http.GetAsync(preferences));
        Assert.Equal(200, status);
        Assert.Contains("jane@example.org", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Research\" checked", page, StringComparison.Ordinal);

        using (var form = new FormUrlEncodedContent([new("action", "save"), new("name", "Jane <b>D</b>"), new("topics", "Funding"), new("frequency", "daily"), new("paused", "yes")]))
        {
            (status, page) = await Read(await site.Http.PostAsync(preferences, form));
        }

        Assert.Equal(200, status);
        Assert.Contains("Your preferences are saved", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Jane &lt;b&gt;D&lt;/b&gt;\"", page, StringComparison.Ordinal);
        var reader = (await site.ReaderAsync("jane@example.org"))!;
        Assert.Equal(["Funding"], reader.Topics);
        Assert.Equal(Frequency.Daily, reader.Frequency);
        Assert.True(reader.Paused);

        var token = preferences.Query;
        using (var export = await site.Http.GetAsync(new Uri($"api/preferences/export{token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
            var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("jane@example.org", json.GetProperty("address").GetString());
            Assert.Equal("Jane <b>D</b>", json.GetProperty("name").GetString());
            Assert.Equal("Active", json.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.String, json.GetProperty("consent").GetProperty("confirmedAt").ValueKind);
        }

        using (var refused = new FormUrlEncodedContent([]))
        {
            Assert.Equal(400, (await Read(await site.Http.PostAsync(new Uri($"preferences/erase{token}", UriKind.Relative), refused))).Status);
        }

        Assert.Equal(ReaderState.Active, (await site.ReaderAsync("jane@example.org"))!.State);
        using (var erase = new FormUrlEncodedContent([new("confirm", "yes")]))
        {
            (status, page) = await Read(await site.Http.PostAsync(new Uri($"preferences/erase{token}", UriKind.Relative), erase));
        }

        Assert.Equal(200, status);
        Assert.Contains("Your data is erased", page, StringComparison.Ordinal);
        var erased = (await site.ReaderAsync("jane@example.org"))!;
        Assert.Equal(ReaderState.Erased, erased.State);
        Assert.Null(erased.Address);
        Assert.Equal(410, (await Read(await site.Http.GetAsync(preferences))).Status);
    }

    [Theory]
    [InlineData("", "application/x-www-form-urlencoded")]
    [InlineData("action=bogus&name=Mallory", "application/x-www-form-urlencoded")]
    [InlineData("{\"action\":\"save\",\"name\":\"Mallory\"}", "application/json")]
    [InlineData("action=save&name=Mallory", "text/plain")]
    public async Task Preferences_PostWithoutAKnownAction_Is400_AndChangesNothing(string body, string contentType)
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var preferences = new Uri(Link(welcome, "preferences"));
        var before = (await site.ReaderAsync("jane@example.org"))!;

        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        var (status, page) = await Read(await site.Http.PostAsync(preferences, content));

        Assert.Equal(400, status);
        Assert.DoesNotContain("Your preferences are saved", page, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", page, StringComparison.Ordinal);
        var after = (await site.ReaderAsync("jane@example.org"))!;
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Topics, after.Topics);
        Assert.Equal(before.Frequency, after.Frequency);
        Assert.Equal(before.Paused, after.Paused);
    }

    [Theory]
    [InlineData("/subscribe", 30_000_001, "HTTP/1.1 413")]
    [InlineData("/signin", 30_000_001, "HTTP/1.1 413")]
    [InlineData("/subscribe", 60_000, "HTTP/1.1 408")]
    public async Task Bodies_TooLargeOrShorterThanDeclared_GetTheirStatus_NotA500(string path, int declared, string expected)
    {
        await using var site = await StartAsync();

        // A raw request: Kestrel refuses a declared length over its limit at once, and a body that stops short when its data rate falls too low.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(site.Host.BaseAddress.Host, site.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {site.Host.BaseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\nemail=x"));
        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync();
        var rest = await reader.ReadToEndAsync();

        Assert.Equal(expected, status?[..expected.Length]);
        Assert.DoesNotContain("internal_error", rest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subscribe", false)]
    [InlineData("preferences?token=t", false)]
    [InlineData("preferences/erase?token=t", false)]
    [InlineData("signin", false)]
    [InlineData("signin/code", false)]
    [InlineData("signin/complete", false)]
    [InlineData("subscribe", true)]
    [InlineData("preferences?token=t", true)]
    [InlineData("signin", true)]
    [InlineData("signin/code", true)]
    [InlineData("signin/complete", true)]
    public async Task FormsOver64KiB_Get413WithAPageThatSaysSo_AndNothingIsDone(string door, bool multipart)
    {
        await using var site = await StartAsync();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("email", "jane@example.org"), new("name", new string('x', 65 * 1024)), new("frequency", "weekly"), new("rendered", await site.RenderTokenAsync()),
        };

        // Multipart is no way round the bound: the same 64 KiB holds whatever the form's content type.
        using var form = Content(fields, multipart);
        var (status, page) = await Read(await site.Http.PostAsync(new Uri(door, UriKind.Relative), form));

        Assert.Equal(413, status);
        Assert.Contains("This form is too large", page, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueuedSignupsAsync());

        // The same form a little smaller is read as usual (a name that long is refused by the form itself, not by the bound).
        fields[1] = new("name", new string('x', 60 * 1024));
        using var smaller = Content(fields, multipart);
        Assert.NotEqual(413, (await Read(await site.Http.PostAsync(new Uri(door, UriKind.Relative), smaller))).Status);
    }

    private static HttpContent Content(List<KeyValuePair<string, string>> fields, bool multipart)
    {
        if (!multipart)
        {
            return new FormUrlEncodedContent(fields);
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    [Fact]
    public async Task InvalidateMyOldLinks_MovesThePageToANewAddress_TheOldOneIsGone_UnsubscribeStillWorks()
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var preferences = new Uri(Link(welcome, "preferences"));
        var unsubscribe = new Uri(Link(welcome, "unsubscribe"));

        Uri renewed;
        using (var form = new FormUrlEncodedContent([new("action", "invalidate-links")]))
        using (var response = await site.Http.PostAsync(preferences, form))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            renewed = response.Headers.Location!;
        }

        var (status, page) = await Read(await site.Http.GetAsync(renewed));
        Assert.Equal(200, status);
        Assert.Contains("jane@example.org", page, StringComparison.Ordinal);
        Assert.Contains("earlier preferences links no longer work", page, StringComparison.Ordinal);
        (status, page) = await Read(await site.Http.GetAsync(preferences));
        Assert.Equal(410, status);
        Assert.DoesNotContain("jane@example.org", page, StringComparison.Ordinal);
        Assert.Equal(410, (await Read(await site.Http.GetAsync(new Uri($"api/preferences/export{preferences.Query}", UriKind.Relative)))).Status);

        using (var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))
        {
            Assert.Equal(200, (await Read(await site.Http.PostAsync(unsubscribe, oneClick))).Status);
        }

        Assert.Equal(ReaderState.Unsubscribed, (await site.ReaderAsync("jane@example.org"))!.State);
    }

    [Fact]
    public async Task OneClickUnsubscribe_Answers200WithoutRedirect_AndTakesEffectAtOnce()
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var target = OneClickUrl(welcome);

        var (getStatus, page) = await Read(await site.Http.GetAsync(new Uri(target)));
        Assert.Equal(200, getStatus);
        Assert.Contains("<button type=\"submit\">Unsubscribe</button>", page, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Active, (await site.ReaderAsync("jane@example.org"))!.State);

        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await site.Http.PostAsync(new Uri(target), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var reader = (await site.ReaderAsync("jane@example.org"))!;
        Assert.Equal(ReaderState.Unsubscribed, reader.State);
        Assert.False(reader.IsMailable);
    }

    [Fact]
    public async Task OneClickUnsubscribe_AtTheAddressMailedUnderApi_IsServedInPlace_NotRedirected()
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var current = new Uri(OneClickUrl(welcome));
        var mailedBefore = new Uri(site.Host.BaseAddress, "api" + current.PathAndQuery);

        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await site.Http.PostAsync(mailedBefore, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(ReaderState.Unsubscribed, (await site.ReaderAsync("jane@example.org"))!.State);
    }

    [Fact]
    public async Task FormsOfPagesServedUnderApi_Get308ToTheirPage_AndTheBodyArrives()
    {
        await using var site = await StartAsync();
        var welcome = await SubscribeAndConfirmAsync(site, "jane@example.org");
        var token = new Uri(Link(welcome, "preferences")).Query;

        // Each old form address answers 308 to the page at the root, with its query.
        foreach (var (old, now) in new[] { ("api/subscribe", "/subscribe"), ($"api/confirm{token}", $"/confirm{token}"),
            ($"api/preferences{token}", $"/preferences{token}"), ($"api/preferences/erase{token}", $"/preferences/erase{token}") })
        {
            using var empty = new FormUrlEncodedContent([]);
            using var moved = await site.Http.PostAsync(new Uri(old, UriKind.Relative), empty);
            Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
            Assert.Equal(now, moved.Headers.Location?.OriginalString);
        }

        // A client that follows it (as browsers do, method and body kept) saves what the old form held.
        using var following = new HttpClient { BaseAddress = site.Host.BaseAddress };
        using var form = new FormUrlEncodedContent([new("action", "save"), new("name", "Jane"), new("topics", "Funding"), new("frequency", "daily")]);
        var (status, page) = await Read(await following.PostAsync(new Uri($"api/preferences{token}", UriKind.Relative), form));
        Assert.Equal(200, status);
        Assert.Contains("Your preferences are saved", page, StringComparison.Ordinal);
        Assert.Equal(["Funding"], (await site.ReaderAsync("jane@example.org"))!.Topics);
    }

    [Fact]
    public async Task TamperedOrWrongPurposeToken_GetsAClearPage_AndChangesNothing()
    {
        await using var site = await StartAsync();
        await Read(await site.PostSignupAsync("jane@example.org"));
        var confirm = Link(await site.MailAsync(1), "confirm");

        var (status, page) = await Read(await site.Http.GetAsync(new Uri(confirm[..^3] + "AAA")));
        Assert.Equal(400, status);
        Assert.Contains("This link is not valid", page, StringComparison.Ordinal);

        using (var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))
        {
            (status, _) = await Read(await site.Http.PostAsync(new Uri(confirm.Replace("/confirm?", "/unsubscribe?", StringComparison.Ordinal)), body));
        }

        Assert.Equal(400, status);
        Assert.Equal(ReaderState.Pending, (await site.ReaderAsync("jane@example.org"))!.State);
    }

    [Fact]
    public async Task TooManyPostsFromOneClient_Get429WithRetryAfter()
    {
        // The test client stands in for a proxy that is configured as trusted.
        await using var site = await StartAsync(("Subscriptions:IpRateLimit", "2"), ("Subscriptions:IpRateLimitWindowSeconds", "300"),
            ("ForwardedHeaders:KnownProxies", "127.0.0.1"));
        var form = await site.RenderTokenAsync("198.51.100.1");

        (await site.PostSignupAsync("a@example.org", renderToken: form, ip: "198.51.100.1")).Dispose();
        (await site.PostSignupAsync("b@example.org", renderToken: form, ip: "198.51.100.1")).Dispose();
        using var limited = await site.PostSignupAsync("c@example.org", renderToken: form, ip: "198.51.100.1");
        using var other = await site.PostSignupAsync("d@example.org", ip: "198.51.100.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retry = limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        Assert.InRange(retry.TotalSeconds, 1, 300);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("inbox", await other.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedForFromAnUntrustedPeer_IsIgnored_SoRotatingItDoesNotEscapeTheLimit()
    {
        await using var site = await StartAsync(("Subscriptions:IpRateLimit", "10"), ("Subscriptions:IpRateLimitWindowSeconds", "300"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await site.PostSignupAsync($"r{i}@example.org", ip: $"203.0.113.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[10..]);
    }

    [Fact]
    public async Task FormStampServedToOneClient_IsRefusedFromAnother_AndTheFormIsShownAgain()
    {
        await using var site = await StartAsync(("ForwardedHeaders:KnownProxies", "127.0.0.1"));
        var stamp = await site.RenderTokenAsync("198.51.100.1");

        var (status, page) = await Read(await site.PostSignupAsync("jane@example.org", renderToken: stamp, ip: "198.51.100.9"));

        Assert.Equal(400, status);
        Assert.Contains("expired", page, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueuedSignupsAsync());
    }

    [Fact]
    public async Task Honeypot_GetsTheSameAnswer_ButNothingIsQueued()
    {
        await using var site = await StartAsync();
        var normal = await Read(await site.PostSignupAsync("human@example.org"));
        await site.MailAsync(1);

        var bot = await Read(await site.PostSignupAsync("bot@example.org", website: "https://spam.example"));

        Assert.Equal(normal, bot);
        Assert.Equal(0, await site.QueuedSignupsAsync());
        Assert.Null(await site.ReaderAsync("bot@example.org"));
    }

    [Fact]
    public async Task PostFasterThanTheMinimumRenderTime_GetsTheSameAnswer_ButNothingIsQueued()
    {
        await using var site = await StartAsync(("Subscriptions:MinRenderSeconds", "30"));

        var (status, page) = await Read(await site.PostSignupAsync("fast@example.org"));

        Assert.Equal(200, status);
        Assert.Contains("Check your inbox", page, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueuedSignupsAsync());
        Assert.Null(await site.ReaderAsync("fast@example.org"));
    }

    [Fact]
    public async Task InvalidAddress_GetsTheFormBack_WithASpecificMessage_AndTheOtherFieldsKept()
    {
        await using var site = await StartAsync();

        var (status, page) = await Read(await site.PostSignupAsync("jane@localhost", name: "Jane \"JD\" Doe", topics: ["Funding"]));

        Assert.Equal(400, status);
        Assert.Contains(WebUtility.HtmlEncode(FormRules.Message(AddressProblem.DomainNeedsDot)), page, StringComparison.Ordinal);
        Assert.Contains("value=\"jane@localhost\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Jane &quot;JD&quot; Doe\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Funding\" checked", page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueuedSignupsAsync());
    }

    [GeneratedRegex("name=\"rendered\" value=\"([^\"]+)\"")]
    private static partial Regex RenderStamp();
}
