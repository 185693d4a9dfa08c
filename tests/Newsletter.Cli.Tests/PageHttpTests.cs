using System.Net;
using AngleSharp.Html.Parser;
using Newsletter.Cli.Hosting;
using Newsletter.Infrastructure.Local;
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
            Settings = new Dictionary<string, string?> { ["App:NetworkName"] = "Test Network", ["Subscriptions:PrivacyNoticeVersion"] = "2026-07" },
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

        var (response, page) = await GetAsync(http, "api/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPageHeaders(response);
        Assert.Equal("Privacy notice · Test Network", page.Title);
        Assert.Contains("Version 2026-07.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == new Uri(host.BaseAddress, "api/subscribe").ToString());
    }

    [Theory]
    [InlineData("api/archive/daily-20000101T0700", "No such edition")]
    [InlineData("api/updates/no-such-update", "No such update")]
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
}
