using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// A member sends a release with a photo over the HTTP door of the local host: the update's page shows the figure,
/// the browser loads it narrow and wide, and the digest in the outbox shows it from an absolute /media/ address
/// whose file carries no EXIF.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ImageJourneyTests(AzuriteFixture azurite)
{
    private const string Title = "Cryo-electron microscope opens to the region";
    private const string Release = Title + "\n\nThe institute opened a cryo-electron microscope that researchers across the region can book from next month, with training for new users.\n";

    [Fact]
    public async Task AReleaseWithAPhoto_ShowsItOnThePage_AndInTheDigest()
    {
        var data = Directory.CreateTempSubdirectory("images-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        var services = host.Services;
        var (_, key) = await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Release));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "release", "microscope.txt");
        form.Add(new ByteArrayContent(TestImages.WithGpsExif(TestImages.Halves(1800, 1400))), "image", "microscope.jpg");
        form.Add(new StringContent("The microscope in its new room"), "imageCaption");
        form.Add(new StringContent("Photo: UCL / Jane Doe"), "imageCredit");
        form.Add(new StringContent("cc-by-4.0"), "imageLicence");
        form.Add(new StringContent("A tall grey microscope behind a glass wall"), "imageAlt");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/members/ucl/releases") { Content = form };
        request.Headers.Add("X-Api-Key", key);
        using var accepted = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = accepted.Headers.Location!.ToString();

        var updateId = await Eventually.ValueAsync(async () =>
        {
            using var ask = new HttpRequestMessage(HttpMethod.Get, status.TrimStart('/'));
            ask.Headers.Add("X-Api-Key", key);
            using var answer = await http.SendAsync(ask);
            var record = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            return record.GetProperty("status").GetString() == "published" ? record.GetProperty("updateId").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the release published");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        foreach (var width in Accessibility.Widths)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
            await page.GotoAsync(new Uri(host.BaseAddress, $"updates/{updateId}").ToString());
            var image = page.GetByRole(AriaRole.Img, new() { Name = "A tall grey microscope behind a glass wall" });
            await Assertions.Expect(image).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("figure.lead figcaption")).ToContainTextAsync("Photo: UCL / Jane Doe");
            // The credit starts on a line of its own, so it never reads as the end of the caption's sentence.
            var creditGap = await page.Locator("figure.lead figcaption").EvaluateAsync<double>(
                "c => { const r = document.createRange(); r.selectNodeContents(c.firstChild); return c.querySelector('.credit').getBoundingClientRect().top - r.getBoundingClientRect().bottom; }");
            Assert.True(creditGap >= 0, $"the credit runs on in the caption's line at {width} px");
            var loaded = await image.EvaluateAsync<int[]>("img => img.complete ? [img.naturalWidth, img.getBoundingClientRect().width] : [0, 0]");
            Assert.True(loaded[0] > 0, $"the image did not load at {width} px");
            Assert.True(loaded[1] <= width, $"the image is {loaded[1]} px wide on a {width} px screen");
            await page.CloseAsync();
        }

        await using (var checking = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true }))
        {
            var checkPage = await checking.NewPageAsync();
            await checkPage.GotoAsync(new Uri(host.BaseAddress, $"updates/{updateId}").ToString());
            await Accessibility.CheckAsync(checkPage, "the update's page with its figure");
        }

        await services.GetRequiredService<IReaderStore>().SaveAsync(
            TestData.ActiveReader("reader-1", 1, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-1)), CancellationToken.None);
        var edition = (await services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, DateTimeOffset.UtcNow, CancellationToken.None)).Edition;
        Assert.Equal(1, (await services.GetRequiredService<EditionDispatcher>().DispatchAllAsync(edition, null, CancellationToken.None)).Sent);
        var digest = await Eventually.ValueAsync(() => Task.FromResult(Directory.Exists(Path.Combine(data, "outbox"))
            ? Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Select(f => MimeMessage.Load(f)).FirstOrDefault(m => m.HtmlBody?.Contains(Title, StringComparison.Ordinal) == true)
            : null), TimeSpan.FromSeconds(30), "the digest in the outbox");

        var img = new HtmlParser().ParseDocument(digest.HtmlBody!).QuerySelector("td.update img")!;
        var src = img.GetAttribute("src")!;
        Assert.StartsWith(new Uri(host.BaseAddress, $"media/{updateId}/").ToString(), src, StringComparison.Ordinal);
        Assert.Equal("A tall grey microscope behind a glass wall", img.GetAttribute("alt"));
        Assert.Equal("552", img.GetAttribute("width"));
        Assert.DoesNotContain("/media/", digest.TextBody, StringComparison.Ordinal);

        using var served = await http.GetAsync(new Uri(src));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.True(served.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, served.Headers.CacheControl?.ToString());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.False(TestImages.HasApp1(bytes));
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }
}
