using System.Net;
using AngleSharp.Html.Parser;
using Newsletter.Cli.Hosting;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>The pages rendered by their components, served through the local host with the headers every page carries.</summary>
[Collection(AzuriteCollection.Name)]
public class PageHttpTests(AzuriteFixture azurite)
{
    private async Task<(LocalHost Host, HttpClient Http)> StartAsync()
    {
        var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = Directory.CreateTempSubdirectory("pages-test-").FullName,
            Settings = new Dictionary<string, string?>
            {
                ["App:NetworkName"] = "Test Network",
                ["Subscriptions:PrivacyNoticeVersion"] = "2026-07",
                ["Branding:Organisation"] = "Test Network Office",
                ["Branding:PrivacyContact"] = "dpo@test.example",
                ["Branding:RetentionMonths"] = "12",
            },
        });
        return (host, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress });
    }

    private static async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static void AssertPageHeaders(HttpResponseMessage response)
    {
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("default-src 'none';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PrivacyPage_IsServed_WithTheVersionAndTheSignupLink()
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        var (response, page) = await GetAsync(http, "privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPageHeaders(response);
        Assert.Equal("Privacy notice · Test Network", page.Title);
        Assert.Contains("Version 2026-07.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("run by Test Network Office", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("for 12 months after you leave", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "mailto:dpo@test.example");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == new Uri(host.BaseAddress, "subscribe").ToString());
    }

    [Theory]
    [InlineData("archive/daily-20000101T0700", "No such edition")]
    [InlineData("updates/no-such-update", "No such update")]
    [InlineData("no/such/page", "Page not found")]
    public async Task MissingEditionOrUpdate_Gets404Page(string path, string heading)
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        var (response, page) = await GetAsync(http, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertPageHeaders(response);
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task HomePage_AnswersAtTheRoot_AndLinksToTheSignupArchiveAndFeed()
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        var (response, page) = await GetAsync(http, "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPageHeaders(response);
        Assert.Equal("Test Network", page.QuerySelector("h1")!.TextContent);
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToArray();
        Assert.Contains(new Uri(host.BaseAddress, "subscribe").ToString(), links);
        Assert.Contains(new Uri(host.BaseAddress, "archive").ToString(), links);
        Assert.Contains(new Uri(host.BaseAddress, "feed.atom").ToString(), links);
    }

    [Theory]
    [InlineData("api/subscribe", "/subscribe")]
    [InlineData("api/confirm?token=abc.def%2B", "/confirm?token=abc.def%2B")]
    [InlineData("api/preferences?token=t", "/preferences?token=t")]
    [InlineData("api/unsubscribe?token=t", "/unsubscribe?token=t")]
    [InlineData("api/privacy", "/privacy")]
    [InlineData("api/archive", "/archive")]
    [InlineData("api/feed.atom", "/feed.atom")]
    [InlineData("api/archive/daily-20261130T0700", "/archive/daily-20261130T0700")]
    [InlineData("api/updates/u123", "/updates/u123")]
    public async Task LinksMailedUnderApi_RedirectForGood_KeepingTheirToken(string old, string now)
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        using var response = await http.GetAsync(new Uri(old, UriKind.Relative));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(now, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task JsonStaysUnderApi_AndIsNotRedirected()
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        using var unknown = await http.GetAsync(new Uri("api/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json; charset=utf-8", unknown.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public void LocalRoutePrefix_IsTheOneInHostJson()
    {
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));

        Assert.Equal(HttpFunctionRouter.RoutePrefix, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public async Task Serve_NamesEachPlaceholderStillInUse()
    {
        var (host, http) = await StartAsync();
        await using var _ = host;
        using var __ = http;

        var placeholders = host.PlaceholderSettings();

        Assert.Equal(2, placeholders.Count);
        Assert.Contains(placeholders, p => p.StartsWith("Mail:From", StringComparison.Ordinal));
        Assert.Contains(placeholders, p => p.StartsWith("Digest:PostalAddress", StringComparison.Ordinal));
    }
}
