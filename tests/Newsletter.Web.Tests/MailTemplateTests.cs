using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Subscriptions;
using Newsletter.Web.Mail;

namespace Newsletter.Web.Tests;

public class MailTemplateTests
{
    private static MailTemplates Templates(Pages pages) => new(pages.Scopes);

    [Fact]
    public async Task ConfirmationMail_HasTheButtonLink_TheLinkInFull_AndItsLifetime()
    {
        await using var pages = new Pages();

        var html = Pages.Parse(await Templates(pages).ConfirmationAsync(new ConfirmationMail("Research <Network>", "https://x.example/confirm?token=a&b", 7)));

        Assert.Equal("Research <Network>", html.QuerySelector("h1")!.TextContent);
        Assert.Equal("https://x.example/confirm?token=a&b", html.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Or copy this link into your browser: https://x.example/confirm?token=a&b", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("works for 7 days", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("overflow-wrap:anywhere", html.Body!.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WelcomeAndAlreadySubscribed_GreetByName_AndCarryBothLinks()
    {
        await using var pages = new Pages();
        var templates = Templates(pages);

        var welcome = Pages.Parse(await templates.WelcomeAsync(new WelcomeMail("Net", "Hello <Jane>,", "weekly", "Research, Funding", "https://x/p", "https://x/u")));
        var again = Pages.Parse(await templates.AlreadySubscribedAsync(new AlreadySubscribedMail("Net", "Hello,", "https://x/p", "https://x/u")));

        Assert.Equal("Hello <Jane>,", welcome.QuerySelector("p")!.TextContent);
        Assert.Contains("a weekly digest on Research, Funding", welcome.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://x/p", "https://x/u"], welcome.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Hello,", again.QuerySelector("p")!.TextContent);
        Assert.Contains("You are already subscribed, so nothing has changed.", again.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://x/p", "https://x/u"], again.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }
}
