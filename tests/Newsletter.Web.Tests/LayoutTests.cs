using Microsoft.Extensions.DependencyInjection;
using Newsletter.Web.Layout;
using Newsletter.Web.Pages;

namespace Newsletter.Web.Tests;

public class LayoutTests
{
    [Fact]
    public async Task EveryPage_IsACompleteDocument_WithTheNetworkName_AndLinksToTheSignup()
    {
        await using var pages = new Pages();

        var html = await pages.Renderer.RenderAsync<NotFoundPage, NotFound>(NotFound.Page);
        var page = Pages.Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Not found · Research Network Updates", page.Title);
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
        Assert.Equal("Research Network Updates", page.QuerySelector("header .brand")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://updates.example.net/subscribe");
        Assert.Contains(page.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "https://updates.example.net/privacy");
        // Members and editors find the sign-in page from any public page.
        Assert.Contains(page.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "https://updates.example.net/signin" && a.TextContent == "Sign in");
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task NetworkName_IsEncoded()
    {
        await using var pages = new Pages(network: "<script>alert(1)</script> & Co");

        var html = await pages.Renderer.RenderAsync<NotFoundPage, NotFound>(NotFound.Page);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> & Co", Pages.Parse(html).QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task StyleSheet_IsEmittedVerbatim_NotHtmlEncoded()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page);

        var emitted = page.QuerySelector("style")!.TextContent;
        var sheet = emitted.Substring(emitted.IndexOf(SiteStyles.Css[..20], StringComparison.Ordinal), SiteStyles.Css.Length);
        Assert.Equal(SiteStyles.Css, sheet);
        Assert.DoesNotContain("&#", emitted, StringComparison.Ordinal);
        Assert.DoesNotContain("&quot;", emitted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongWords_Wrap_SoANarrowScreenNeverScrollsSideways()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page);

        var css = page.QuerySelector("style")!.TextContent;
        Assert.Contains("overflow-wrap:anywhere", css, StringComparison.Ordinal);
        // Table cells keep their words whole ("Received", "Pending review"): the table scrolls in its wrapper instead.
        Assert.Matches(@"\.table-wrap\{[^}]*overflow-x:auto", css);
        Assert.Matches(@"table\.data td\{[^}]*overflow-wrap:normal", css);
        // The style sheet is written as it is, not HTML-encoded (an encoded quote breaks the CSS).
        Assert.Contains("\"Segoe UI\"", page.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Branding_SetsTheAccentColour_AndShowsTheLogoBesideTheName()
    {
        await using var pages = new Pages(configure: s => s.Configure<Core.BrandingOptions>(b => { b.AccentColour = "#7a1f5c"; b.LogoUrl = "https://cdn.example.net/logo.png"; }));

        var page = await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page);

        Assert.Contains(":root{--accent:#7a1f5c}", page.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        var logo = page.QuerySelector("header .brand img")!;
        Assert.Equal("https://cdn.example.net/logo.png", logo.GetAttribute("src"));
        Assert.Equal("", logo.GetAttribute("alt"));
        Assert.Equal("Research Network Updates", page.QuerySelector("header .brand")!.TextContent.Trim());
    }

    [Fact]
    public async Task WithoutALogo_TheHeaderShowsTheNameOnly()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page);

        Assert.Null(page.QuerySelector("header img"));
    }
}
