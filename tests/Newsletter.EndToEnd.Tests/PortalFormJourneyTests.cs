using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// The release form in a real browser: a lead image chosen with its caption, credit and licence is previewed as the
/// public page shows it, and once published the page's figure loads on a phone and a desktop; axe checks each page.
/// </summary>
public partial class PortalJourneyTests
{
    private const string FormTitle = "A clean room for quantum chips";

    [Fact]
    public async Task Contact_WritesAReleaseWithAnImage_PreviewsTheFigure_AndThePublishedPageLoadsIt()
    {
        var data = Directory.CreateTempSubdirectory("portal-form-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await host.Services.GetRequiredService<PeopleService>().AddContactAsync("ucl", "press@ucl.ac.uk", admin: false, CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, host.BaseAddress, outbox, "press@ucl.ac.uk");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Member portal" }).GetByRole(AriaRole.Link, new() { Name = "New release", Exact = true }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(FormTitle);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("UCL opened a clean room where quantum chips are made.\n\nIt is the largest in the country.");
        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "cleanroom.jpg", MimeType = "image/jpeg", Buffer = TestImages.Halves(1800, 1200) });
        await page.GetByLabel("Caption").FillAsync("The clean room seen from its gallery");
        await page.GetByLabel("Credit").FillAsync("Photo: UCL / Jane Doe");
        await page.GetByLabel("Licence").SelectOptionAsync("cc-by-4.0");
        await Accessibility.CheckAsync(page, "the release form with its image fields");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the release" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Preview: {FormTitle}" })).ToBeVisibleAsync();
        var previewed = page.Locator(".preview figure.lead img");
        await Assertions.Expect(previewed).ToHaveAttributeAsync("alt", "The clean room seen from its gallery");
        Assert.True(await LoadedWidthAsync(previewed) > 0, "the preview's image did not load");
        await Accessibility.CheckAsync(page, "the preview with its figure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the release" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("Published");
        var publicUrl = await page.Locator("dd a[href*='/updates/']").GetAttributeAsync("href");

        foreach (var width in Accessibility.Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(publicUrl!);
            var image = page.GetByRole(AriaRole.Img, new() { Name = "The clean room seen from its gallery" });
            await Assertions.Expect(image).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("figure.lead figcaption")).ToContainTextAsync("Photo: UCL / Jane Doe");
            Assert.True(await LoadedWidthAsync(image) > 0, $"the published image did not load at {width} px");
            var shown = await image.EvaluateAsync<double>("img => img.getBoundingClientRect().width");
            Assert.True(shown <= width, $"the image is {shown} px wide on a {width} px screen");
        }

        await Accessibility.CheckAsync(page, "the published page with the form's image");
    }

    [Fact]
    public async Task TheLivePreview_ShowsTheMarkdownAsThePageWill_UnderThePagesOwnPolicy_AndATypedScriptNeverRuns()
    {
        var data = Directory.CreateTempSubdirectory("portal-live-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        await host.Services.GetRequiredService<PeopleService>().AddContactAsync("kth", "press@kth.se", admin: false, CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        // The site's own content security policy, not bypassed: the script must load and work under it.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => violations.Add(message.Text);
        await SignInAsync(page, host.BaseAddress, Path.Combine(data, "outbox"), "press@kth.se");
        await page.GotoAsync(new Uri(host.BaseAddress, "portal/submit").ToString());
        var text = page.GetByLabel("Text", new() { Exact = true });
        await text.PressSequentiallyAsync("## Findings\n\n- a new lab\n- two instruments\n\n<script>window.injected = 1</script>\n\n<img src=x onerror=\"window.injected = 2\">");

        var preview = page.Locator("#body-preview");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Findings", Exact = true, Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(preview.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["a new lab", "two instruments"]);
        Assert.Equal(0, await preview.Locator("script, img[onerror]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.injected === undefined"), "a script typed in the text ran");
        Assert.DoesNotContain(violations, v => v.Contains("Content Security Policy", StringComparison.Ordinal));

        // The form still posts the same way, and the full preview shows the same text.
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Findings of the new lab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the release" }).ClickAsync();
        await Assertions.Expect(page.Locator(".preview article").GetByRole(AriaRole.Heading, new() { Name = "Findings", Exact = true, Level = 2 })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.injected === undefined"), "a script typed in the text ran on the preview");

        // axe needs its own script, so it runs in a context that bypasses the policy, on the same session.
        await using var checking = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        await checking.AddCookiesAsync((await context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var checkPage = await checking.NewPageAsync();
        await checkPage.GotoAsync(new Uri(host.BaseAddress, "portal/submit").ToString());
        await checkPage.GetByLabel("Text", new() { Exact = true }).FillAsync("## A heading\n\nA paragraph.");
        await Assertions.Expect(checkPage.Locator("#body-preview h2")).ToHaveTextAsync("A heading");
        await Accessibility.CheckAsync(checkPage, "the release form with its live preview");
    }

    /// <summary>The image's natural width once the browser has it (0 when it failed to load).</summary>
    private static Task<int> LoadedWidthAsync(ILocator image) => image.EvaluateAsync<int>(
        "img => img.complete ? img.naturalWidth : new Promise(done => { img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); })");
}
