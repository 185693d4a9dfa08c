using System.Text.Json;
using Microsoft.Playwright;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// Checks a page as loaded at a phone's and a desktop's width: axe-core (npm, injected into the page)
/// finds no serious or critical violation, and nothing scrolls sideways. The page's context must be
/// opened with <c>BypassCSP</c>: the site's policy allows no script, axe's included.
/// </summary>
internal static class Accessibility
{
    public static readonly int[] Widths = [375, 1280];
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");

    private const string Run = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
        """;

    public static async Task CheckAsync(IPage page, string what)
    {
        Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: run 'npm ci' in the project folder.");
        var original = page.ViewportSize;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
            {
                await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
            }

            var violations = (await page.EvaluateAsync<JsonElement>(Run)).EnumerateArray().Select(v => v.GetString()).ToArray();
            Assert.True(violations.Length == 0, $"{what} at {width} px: {string.Join("; ", violations)}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{what} at {width} px scrolls sideways by {overflow} px.");
        }

        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }
}
