using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// The console's frame as an editor sees it in a browser: the closing note on times sits below the page's last element
/// (an empty list's box, a form's button), never over it, at a phone's and a desktop's width; a table wider than a phone
/// scrolls inside itself with its caption readable where it starts; the readers' and the delivery page's charts keep their text
/// readable on a phone, inside their own box, beside the table of their numbers.
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

    [Fact]
    public async Task TheReadersAndDeliveryCharts_StayReadableOnAPhone_InsideTheirOwnBox_WithTheirTables()
    {
        var data = Directory.CreateTempSubdirectory("console-layout-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        var services = host.Services;
        await services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<IUpdateStore>().TryAddAsync(TestData.PublishedUpdate("u0001", "Sand battery stores heat for months", now.AddHours(-2)), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await services.GetRequiredService<IReaderStore>().SaveAsync(TestData.ActiveReader($"reader-{i}", i, $"reader{i}@example.org", now.AddDays(-10 * i - 1)), CancellationToken.None);
        }

        var edition = (await services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, now, CancellationToken.None)).Edition;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page, host, data);

        foreach (var path in new[] { "console/readers", $"console/delivery/{edition.Id}" })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            // The readers' table by day is folded away: open it, so its width counts too.
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            await Accessibility.CheckAsync(page, "/" + path);
            await page.SetViewportSizeAsync(375, 800);
            var charts = await page.Locator("figure.chart").EvaluateAllAsync<JsonElement>(Measure);
            Assert.NotEmpty(charts.EnumerateArray());
            foreach (var chart in charts.EnumerateArray())
            {
                var what = $"/{path} at 375 px, the chart '{chart.GetProperty("caption").GetString()}'";
                Assert.True(chart.GetProperty("figureRight").GetDouble() <= 375, $"{what} runs past the screen's edge");
                Assert.True(chart.GetProperty("smallestText").GetDouble() >= MinTextPixels, $"{what} has text {chart.GetProperty("smallestText").GetDouble():0.#} px high");
                Assert.True(chart.GetProperty("tableRows").GetInt32() > 0, $"{what} has no table of its numbers");
                if (chart.GetProperty("scrolls").GetBoolean())
                {
                    Assert.True(chart.GetProperty("keyboard").GetBoolean(), $"{what} scrolls in its box, which a keyboard cannot reach");
                }
            }
        }
    }

    /// <summary>The smallest chart text accepted on a phone, in CSS pixels.</summary>
    private const double MinTextPixels = 10;

    /// <summary>Each chart as drawn: where its figure ends, its smallest text as rendered (font size times the drawing's scale), whether its box scrolls.</summary>
    private const string Measure = """
        figures => figures.map(f => {
            const svg = f.querySelector('svg');
            const box = svg.parentElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
            return {
                caption: f.querySelector('figcaption').textContent,
                figureRight: f.getBoundingClientRect().right,
                smallestText: sizes.length ? Math.min(...sizes) : 0,
                tableRows: f.querySelectorAll('table tbody tr').length,
                scrolls: box.scrollWidth > box.clientWidth,
                keyboard: box.tabIndex >= 0 && !!box.getAttribute('aria-label'),
            };
        })
        """;

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
