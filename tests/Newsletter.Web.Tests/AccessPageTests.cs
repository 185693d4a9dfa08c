using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Web.Mail;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Web.Tests;

public class AccessPageTests
{
    private static Pages NewPages() => new(configure: s => s.AddSingleton<AccessLinks>());

    [Fact]
    public async Task SignInPage_AsksForTheAddress_AndShowsItsProblem()
    {
        await using var pages = NewPages();

        var page = await pages.PageAsync<SignInPage, SignInForm>(new SignInForm("a b", "An e-mail address has no spaces."));

        var form = page.QuerySelector("main form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("https://updates.example.net/signin", form.GetAttribute("action"));
        var input = page.QuerySelector("input#email")!;
        Assert.Equal("a b", input.GetAttribute("value"));
        Assert.Equal("email-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("E-mail address", page.QuerySelector("label[for=email]")!.TextContent);
    }

    [Fact]
    public async Task SentPage_CarriesTheCodeForm_ForTheRequest()
    {
        await using var pages = NewPages();

        var page = await pages.PageAsync<SignInSentPage, SignInSent>(new SignInSent("ada@example.org", "ref.one", 15, "That code is not right."));

        Assert.Equal("Check your inbox", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("If ada@example.org may sign in", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://updates.example.net/signin/code", page.QuerySelector("main form")!.GetAttribute("action"));
        Assert.Equal("ref.one", page.QuerySelector("input[name=attempt]")!.GetAttribute("value"));
        Assert.Equal("one-time-code", page.QuerySelector("input#code")!.GetAttribute("autocomplete"));
        Assert.Equal("That code is not right.", page.QuerySelector("#code-error")!.TextContent);
    }

    [Fact]
    public async Task LinkPage_IsAButtonThatPostsTheToken_WithNoScript()
    {
        await using var pages = NewPages();

        var html = await pages.Renderer.RenderAsync<SignInLinkPage, SignInLink>(new SignInLink("p.a.\"<s>"));
        var page = Pages.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("post", page.QuerySelector("main form")!.GetAttribute("method"));
        Assert.Equal("p.a.\"<s>", page.QuerySelector("input[name=token]")!.GetAttribute("value"));
        Assert.Equal("Sign in", page.QuerySelector("main button")!.TextContent);
    }

    [Fact]
    public async Task SignedInHome_SaysWhoIsSignedIn_AndSignsOutWithTheFormToken()
    {
        await using var pages = NewPages();

        var page = await pages.PageAsync<SignedInHomePage, SignedInHome>(new SignedInHome("Editor console", "Editor console", "ed@example.org", ["admin"], "tok"));

        Assert.Contains("Signed in as ed@example.org.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var form = page.QuerySelector("main form")!;
        Assert.Equal("https://updates.example.net/signout", form.GetAttribute("action"));
        Assert.Equal("tok", form.QuerySelector("input[name=antiforgery]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task RefusalPage_SaysWhy_AndLeadsToANewLink()
    {
        await using var pages = NewPages();

        var page = await pages.PageAsync<RefusalPage, Refusal>(Refusal.LinkExpired);

        Assert.Equal("This sign-in link has expired", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.TextContent == "Ask for a new sign-in link" && a.GetAttribute("href") == "https://updates.example.net/signin");
    }

    [Fact]
    public async Task SignInMail_HasTheLinkAndCode_InHtmlAndText_WithTheLinkEncoded()
    {
        var template = new SignInMailTemplate(BuildScopes());

        var mail = await template.RenderAsync(new SignInMailModel("Research <Network>", "ada@example.org", "https://updates.example.net/signin/complete?token=a&b", "123456", 15));

        Assert.Equal("Sign in to Research <Network>", mail.Subject);
        var html = Pages.Parse(mail.Html);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://updates.example.net/signin/complete?token=a&b");
        Assert.Contains("Research &lt;Network&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("123456", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://updates.example.net/signin/complete?token=a&b", mail.Text, StringComparison.Ordinal);
        Assert.Contains("type this code on the page where you asked for the link: 123456", mail.Text, StringComparison.Ordinal);
    }

    private static IServiceScopeFactory BuildScopes()
    {
        var services = new ServiceCollection();
        services.AddNewsletterWeb();
        return services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    }
}
