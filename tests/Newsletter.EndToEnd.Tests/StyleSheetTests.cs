using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>The site's inline style sheet really applies in a browser, under the site's own content security policy.</summary>
[Collection(AzuriteCollection.Name)]
public class StyleSheetTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StyleSheet_Applies_AndNoPageBlocksItsOwnStyles()
    {
        var data = Directory.CreateTempSubdirectory("styles-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = data,
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);

        await page.GotoAsync(new Uri(host.BaseAddress, "subscribe").ToString());

        Assert.Equal("-10000px", await page.EvalOnSelectorAsync<string>(".hp", "e => getComputedStyle(e).left"));
        Assert.Equal("hidden", await page.EvalOnSelectorAsync<string>(".hp", "e => getComputedStyle(e).overflow"));
        Assert.Equal("-10000px", await page.EvalOnSelectorAsync<string>("a.skip", "e => getComputedStyle(e).left"));
        await page.FocusAsync("a.skip");
        Assert.NotEqual("-10000px", await page.EvalOnSelectorAsync<string>("a.skip", "e => getComputedStyle(e).left"));

        foreach (var path in new[] { "", "archive", "privacy", "no-such-page" })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            Assert.Equal("-10000px", await page.EvalOnSelectorAsync<string>("a.skip", "e => getComputedStyle(e).left"));
        }

        Assert.DoesNotContain(console, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
