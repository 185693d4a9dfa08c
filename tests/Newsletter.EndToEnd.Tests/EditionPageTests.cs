using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>The sample release's edition, composed on the local host and read in a real browser, narrow and wide.</summary>
[Collection(AzuriteCollection.Name)]
public class EditionPageTests(AzuriteFixture azurite)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string SeedTitle = "Servier and UCL collaborate in fight against immune-inflammatory diseases";

    [Fact]
    public async Task SeedEdition_RendersInChromium_AndItsLinksLeadToTheUpdatePage()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium package.");
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = Directory.CreateTempSubdirectory("edition-").FullName,
            Settings = new Dictionary<string, string?> { ["App:NetworkName"] = "Research Network Updates" },
        });
        var services = host.Services;
        await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await using (var seed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt")))
        {
            await services.GetRequiredService<IReleaseFiles>().SaveIncomingAsync("ucl", "seed.txt", seed, "text/plain", "r-seed", CancellationToken.None);
        }

        var ingested = await services.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", "seed.txt", CancellationToken.None);
        await services.GetRequiredService<IReaderStore>().SaveAsync(
            TestData.ActiveReader("reader-1", 1, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-1)), CancellationToken.None);
        var edition = (await services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, DateTimeOffset.UtcNow, CancellationToken.None)).Edition;
        Assert.Equal(EditionStatus.Composed, edition.Status);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var docs = RepositoryPaths.Screenshots;
        foreach (var (name, width) in new[] { ("edition-narrow.png", 375), ("edition-wide.png", 1024) })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
            await page.GotoAsync(new Uri(host.BaseAddress, $"archive/{edition.Id}").ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SeedTitle })).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"the edition scrolls sideways at {width} px");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, name), FullPage = true });
            await page.CloseAsync();
        }

        var reading = await browser.NewPageAsync();
        await reading.GotoAsync(new Uri(host.BaseAddress, $"archive/{edition.Id}").ToString());
        await reading.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).First.ClickAsync();
        await Assertions.Expect(reading.GetByRole(AriaRole.Heading, new() { Name = SeedTitle, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(reading.GetByText("University College London · 11 Dec 2019")).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        // The archive lists editions that went to someone: this one once it is sent.
        Assert.DoesNotContain($"archive/{edition.Id}", await http.GetStringAsync(new Uri("archive", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(1, (await services.GetRequiredService<EditionDispatcher>().DispatchAllAsync(edition, null, CancellationToken.None)).Sent);
        var archive = await http.GetStringAsync(new Uri("archive", UriKind.Relative));
        Assert.Contains($"archive/{edition.Id}", archive, StringComparison.Ordinal);
        using var feedResponse = await http.GetAsync(new Uri("feed.atom", UriKind.Relative));
        Assert.Equal("application/atom+xml", feedResponse.Content.Headers.ContentType?.MediaType);
        using var feedReader = XmlReader.Create(await feedResponse.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(feedReader);
        Assert.Equal(SeedTitle, Assert.Single(feed.Items).Title.Text);
        using var missing = await http.GetAsync(new Uri("updates/unknown", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ingested!.Update!.Id, edition.Items.Single().UpdateId);

        // Every public reading page passes axe-core and does not scroll sideways, narrow and wide.
        await using var checking = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var checkPage = await checking.NewPageAsync();
        foreach (var (path, what) in new[]
        {
            ("", "the home page"), ("archive", "the archive"), ($"archive/{edition.Id}", "the edition's page"),
            ($"updates/{edition.Items[0].UpdateId}", "the update's page"), ("privacy", "the privacy notice"), ("no/such/page", "the not-found page"),
            ("updates/unknown", "a missing update's page"),
        })
        {
            await checkPage.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            await Accessibility.CheckAsync(checkPage, what);
            if (path.Length == 0)
            {
                await Assertions.Expect(checkPage.GetByRole(AriaRole.Link, new() { Name = SeedTitle })).ToBeVisibleAsync();
                await checkPage.SetViewportSizeAsync(1024, 700);
                await checkPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "home.png"), FullPage = true });
            }
        }
    }
}
