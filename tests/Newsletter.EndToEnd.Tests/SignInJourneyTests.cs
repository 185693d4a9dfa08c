using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// Signing in with a mailed link in a real browser (Debian's Chromium, headless) against the local host:
/// a plain GET of the link signs nobody in, the button does; a reused or expired link is refused with a
/// clear page; a post without the session's form token is refused; sign-out ends the session.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class SignInJourneyTests(AzuriteFixture azurite)
{
    private static async Task AskAsync(IPage page, Uri baseAddress, string email, bool check = false)
    {
        await page.GotoAsync(new Uri(baseAddress, "signin").ToString());
        if (check)
        {
            await Accessibility.CheckAsync(page, "the sign-in form");
        }

        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        if (check)
        {
            await Accessibility.CheckAsync(page, "the check-your-inbox page");
        }
    }

    [Fact]
    public async Task Editor_SignsInWithTheMailedLink_AndOut_AndTheLinkCannotBeUsedAgain()
    {
        var data = Directory.CreateTempSubdirectory("signin-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");
        var console = new Uri(host.BaseAddress, "console").ToString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        // A mistyped address gets the form back with the problem.
        await page.GotoAsync(new Uri(host.BaseAddress, "signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync("editor example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("An e-mail address has no spaces.")).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the sign-in form with an error");

        // Ask for a link; the mail arrives in the outbox.
        await AskAsync(page, host.BaseAddress, "Editor@Example.org", check: true);
        var mail = await Browser.MailAsync(outbox, 1);
        Assert.Equal("editor@example.org", mail.To.Mailboxes.Single().Address);
        var link = SignInLink().Match(mail.TextBody!).Value;
        Assert.NotEmpty(link);
        Assert.Matches("[0-9]{6}", mail.TextBody!);

        // A plain GET of the link (a mail scanner) signs nobody in and does not use the link up.
        var fetched = await page.APIRequest.GetAsync(link);
        Assert.Equal(200, fetched.Status);
        Assert.False(fetched.Headers.ContainsKey("set-cookie"));
        await page.GotoAsync(console);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The page loaded with scripts running, but no click, signs nobody in either; the click does.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the sign-in link's page");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name.EndsWith("session", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Editor console" })).ToBeVisibleAsync();
        Assert.Equal(console, page.Url);
        await Assertions.Expect(page.GetByText("Signed in as editor@example.org.")).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the console's landing page");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);

        // A form post without the session's anti-forgery token is refused, and changes nothing.
        var forged = await page.APIRequest.PostAsync(new Uri(host.BaseAddress, "signout").ToString(),
            new APIRequestContextOptions { Form = page.APIRequest.CreateFormData().Set("other", "x"), MaxRedirects = 0 });
        Assert.Equal(403, forged.Status);
        Assert.Contains("This form could not be accepted", await forged.TextAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Editor console" })).ToBeVisibleAsync();

        // Sign out: the session ends at once.
        await page.GotoAsync(new Uri(host.BaseAddress, "signout").ToString());
        await Accessibility.CheckAsync(page, "the sign-out page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the signed-out page");
        var after = await page.APIRequest.GetAsync(console, new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(303, after.Status);

        // The link, used once, is refused with a clear page.
        var reused = await page.GotoAsync(link);
        Assert.Equal(410, reused!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This sign-in link has already been used" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ask for a new sign-in link" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the used-link page");
    }

    [Fact]
    public async Task Contact_SignsInWithTheCode_OnThePageThatAskedForIt_AndAnExpiredLinkIsRefused()
    {
        var data = Directory.CreateTempSubdirectory("signin-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        await host.Services.GetRequiredService<PeopleService>().AddContactAsync("kth", "press@kth.se", admin: false, CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        await AskAsync(page, host.BaseAddress, "press@kth.se");
        var code = SignInCode().Match((await Browser.MailAsync(outbox, 1)).TextBody!).Groups[1].Value;
        await page.GetByLabel("Sign-in code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Member portal: kth" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the portal's landing page");

        // A signed-in contact is refused the console with a page that says so.
        var refused = await page.GotoAsync(new Uri(host.BaseAddress, "console").ToString());
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the 403 page");
        await page.GotoAsync(new Uri(host.BaseAddress, "portal").ToString());

        // A second request's link, left until it expired: the store's clock is moved past its end.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await AskAsync(page, host.BaseAddress, "press@kth.se");
        var link = SignInLink().Match((await Browser.MailAsync(outbox, 2)).TextBody!).Value;
        var parts = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]).Split('.');
        var store = host.Services.GetRequiredService<ISignInStore>();
        // The mail is written before the request is marked as mailed: wait for that mark, so the save
        // below does not race the host's own write of the same row.
        var attempt = (await store.GetAttemptAsync(parts[0], parts[1], CancellationToken.None))!;
        for (var tries = 0; attempt.MailedAt is null && tries < 100; tries++)
        {
            await Task.Delay(50);
            attempt = (await store.GetAttemptAsync(parts[0], parts[1], CancellationToken.None))!;
        }
        Assert.NotNull(attempt.MailedAt);
        Assert.True(await store.TrySaveAttemptAsync(attempt with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None));

        var expired = await page.GotoAsync(link);
        Assert.Equal(410, expired!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This sign-in link has expired" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the expired-link page");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/complete\?token=\S+")]
    private static partial Regex SignInLink();

    [GeneratedRegex("asked for the link: ([0-9]{6})")]
    private static partial Regex SignInCode();
}
