using Microsoft.Extensions.DependencyInjection;
using Newsletter.Web.Pages;

namespace Newsletter.Web.Tests;

public class PageTests
{
    [Fact]
    public async Task PrivacyPage_NamesTheListAndTheNoticeVersion_AndLeadsBackToTheSignup()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<PrivacyPage, PrivacyNotice>(new PrivacyNotice("Research Network Updates", "2026-03",
            "Science Office <SO>", "dpo@science.example", "mailto:dpo@science.example", "2 Lab Road, Leuven", 18));

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Equal("Privacy notice", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Version 2026-03. This notice covers the Research Network Updates mailing list, run by Science Office <SO>, 2 Lab Road, Leuven.", text, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "mailto:dpo@science.example" && a.TextContent == "dpo@science.example");
        Assert.Contains("for 18 months after you leave", text, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.TextContent == "Back to the signup form" && a.GetAttribute("href") == "https://updates.example.net/subscribe");
    }

    [Fact]
    public async Task NotFoundPage_SaysWhatIsMissing_AndWhereToGo()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Edition);

        Assert.Equal("No such edition", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("The link may be mistyped.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "https://updates.example.net/archive");
    }

    [Fact]
    public async Task HtmlPage_CarriesTheSecurityHeaders()
    {
        await using var pages = new Pages();
        var result = await pages.Renderer.PageAsync<NotFoundPage, NotFound>(NotFound.Page, 404);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await result.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext(context, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
        Assert.StartsWith("default-src 'none';", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }
}
