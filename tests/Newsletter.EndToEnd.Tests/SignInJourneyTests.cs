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
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        Assert.Equal(console, page.Url);
        await Assertions.Expect(page.GetByText("editor@example.org (admin)")).ToBeVisibleAsync();
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
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();

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
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Member portal: KTH Royal Institute of Technology" })).ToBeVisibleAsync();
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

    [Fact]
    public async Task AnotherSitesPage_CannotSignTheVisitorIn_WithTheAttackersOwnCodeOrLink()
    {
        var data = Directory.CreateTempSubdirectory("signin-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        await host.Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        await host.Services.GetRequiredService<PeopleService>().AddContactAsync("kth", "attacker@kth.se", admin: false, CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        // The attacker asks for a sign-in of their own account and keeps the request's reference, code and link.
        await using var attackers = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var attacker = await attackers.NewPageAsync();
        await AskAsync(attacker, host.BaseAddress, "attacker@kth.se");
        var attempt = await attacker.Locator("input[name=attempt]").InputValueAsync();
        var text = (await Browser.MailAsync(outbox, 1)).TextBody!;
        var code = SignInCode().Match(text).Groups[1].Value;
        var token = Uri.UnescapeDataString(SignInLink().Match(text).Value.Split("token=")[1]);

        // Their page on another site, opened by the visitor, posts both to this site when the visitor presses its button.
        await using var visitors = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var visitor = await visitors.NewPageAsync();
        // Served over https, the page's posts to this http site carry Origin: null (as this site's own posts do,
        // under its no-referrer policy): only Sec-Fetch-Site: cross-site tells them apart. Over http they carry the other origin.
        await visitor.RouteAsync(new Regex("^https?://attacker\\.test/"), route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""
                <!doctype html><html lang="en"><title>Prize</title>
                <form method="post" action="{host.BaseAddress}signin/code"><input type="hidden" name="attempt" value="{attempt}"><input type="hidden" name="code" value="{code}"><button>Claim by code</button></form>
                <form method="post" action="{host.BaseAddress}signin/complete"><input type="hidden" name="token" value="{token}"><button>Claim by link</button></form>
                """,
        }));
        foreach (var site in new[] { "https://attacker.test/prize", "http://attacker.test/prize" })
        {
            foreach (var button in new[] { "Claim by code", "Claim by link" })
            {
                await visitor.GotoAsync(site);
                var answer = await visitor.RunAndWaitForResponseAsync(
                    () => visitor.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(), r => r.Request.Method == "POST");
                Assert.Equal(403, answer.Status);
                await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "This sign-in did not come from this site" })).ToBeVisibleAsync();
                Assert.DoesNotContain(await visitors.CookiesAsync(), c => c.Name.EndsWith("session", StringComparison.Ordinal));
            }
        }

        await Accessibility.CheckAsync(visitor, "the other-site refusal page");

        // Nothing was used up: the attacker's own page, on this site, still signs in with that code.
        await attacker.GetByLabel("Sign-in code").FillAsync(code);
        await attacker.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(attacker.GetByRole(AriaRole.Heading, new() { Name = "Member portal: kth" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/complete\?token=\S+")]
    private static partial Regex SignInLink();

    [GeneratedRegex("asked for the link: ([0-9]{6})")]
    private static partial Regex SignInCode();
}
