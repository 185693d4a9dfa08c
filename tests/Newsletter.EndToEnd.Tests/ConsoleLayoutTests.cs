using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// The console's frame as an editor sees it in a browser: the closing note on times sits below the page's last element
/// (an empty list's box, a form's button), never over it, at a phone's and a desktop's width; a table wider than a phone
/// scrolls inside itself with its caption readable where it starts.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class ConsoleLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheTimesNote_StartsBelowThePagesLastElement_OnEveryWidth()
    {
        var data = Directory.CreateTempSubdirectory("console-layout-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, host, data);

        // The queue ends with an empty list's box, the members page with the "add a member" form's button.
        foreach (var path in new[] { "console", "console/editions", "console/members" })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            foreach (var width in Accessibility.Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                var gap = await page.Locator("main p.meta", new() { HasTextString = "Times are in" }).EvaluateAsync<double>(
                    "note => { const above = note.previousElementSibling; return note.getBoundingClientRect().top - above.getBoundingClientRect().bottom; }");
                Assert.True(gap >= 0, $"/{path} at {width} px: the times note overlaps the element above it by {-gap} px");
            }
        }
    }

    [Fact]
    public async Task ATablesCaption_IsReadableWithoutScrolling_WhenTheTableIsWiderThanAPhone()
    {
        var data = Directory.CreateTempSubdirectory("console-layout-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, host, data);

        // Adding a member is an audited action: the audit log's table (when, who, action, subject, changes) is wider than a phone.
        await page.GotoAsync(new Uri(host.BaseAddress, "console/members").ToString());
        await page.GetByLabel("Id (lower-case letters").FillAsync("kth");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("KTH Royal Institute of Technology");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the member" }).ClickAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "console/audit").ToString());

        var caption = page.Locator("table.data caption");
        await Assertions.Expect(caption).ToContainTextAsync("1 action");
        var measured = await caption.EvaluateAsync<double[]>(
            "c => { const wrap = c.closest('.table-wrap').getBoundingClientRect(); const r = document.createRange(); r.selectNodeContents(c); const text = r.getBoundingClientRect();" +
            " return [c.parentElement.getBoundingClientRect().width - wrap.width, Math.max(0, text.right - wrap.right, wrap.left - text.left)]; }");
        Assert.True(measured[0] > 0, "the audit table fits a 375 px screen, so this test shows nothing");
        Assert.True(measured[1] == 0, $"the caption runs {measured[1]} px beyond the visible part of its table at 375 px");
    }

    private static async Task SignInAsync(IPage page, LocalHost host, string data)
    {
        await page.GotoAsync(new Uri(host.BaseAddress, "signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync("editor@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        await page.GotoAsync(SignInLink().Match((await Browser.MailAsync(Path.Combine(data, "outbox"), 1)).TextBody!).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue", Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/complete\?token=\S+")]
    private static partial Regex SignInLink();
}
