using Microsoft.Playwright;
using Xunit.Sdk;

namespace Newsletter.EndToEnd.Tests;

/// <summary>The accessibility check itself: it must fail on what it is meant to catch.</summary>
public class AccessibilityTests
{
    [Fact]
    public async Task Check_RefusesAnUnlabelledField_AndAPageThatScrollsSideways()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><input type=\"text\"></main></body></html>");
        var unlabelled = await Assert.ThrowsAsync<TrueException>(() => Accessibility.CheckAsync(page, "a form"));
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><p style=\"width:900px\">wide</p></main></body></html>");
        var wide = await Assert.ThrowsAsync<TrueException>(() => Accessibility.CheckAsync(page, "a wide page"));

        Assert.Contains("label", unlabelled.Message, StringComparison.Ordinal);
        Assert.Contains("a wide page at 375 px scrolls sideways", wide.Message, StringComparison.Ordinal);
    }
}
