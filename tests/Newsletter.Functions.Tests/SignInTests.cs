using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Mail;
using Newsletter.Functions.Access;
using Newsletter.Functions.Console;
using Newsletter.Functions.Portal;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The sign-in functions on a <see cref="DefaultHttpContext"/>, over real stores on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public partial class SignInTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly CapturingSender mail = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync() => services = await StartAsync("https://news.example.org");

    public async Task DisposeAsync() => await services.DisposeAsync();

    private async Task<ServiceProvider> StartAsync(string baseUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["App:BaseUrl"] = baseUrl,
            ["Subscriptions:AddressHashKey"] = Key,
            ["Tokens:Keys"] = "k1:" + Key,
        }).Build();
        var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IMailSender>(mail)
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await provider.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var people = provider.GetRequiredService<PeopleService>();
        await people.AddEditorAsync("editor@example.org", admin: false, CancellationToken.None);
        await provider.GetRequiredService<Core.Members.MemberService>().AddAsync("kth", "KTH", [], autoPublish: false, CancellationToken.None);
        await people.AddContactAsync("kth", "press@kth.se", admin: false, CancellationToken.None);
        return provider;
    }

    private async Task<FunctionResponse> CallAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run, ServiceProvider? provider = null)
        where TFunction : notnull
    {
        await using var scope = (provider ?? services).CreateAsyncScope();
        return await (await run(scope.ServiceProvider.GetRequiredService<TFunction>(), request)).ExecuteAsync(request);
    }

    private Task<FunctionResponse> AskAsync(string email, ServiceProvider? provider = null) => CallAsync<SignIn>(
        FunctionRequests.Form("/signin", [KeyValuePair.Create("email", email)]), (f, r) => f.Run(r, CancellationToken.None), provider);

    /// <summary>Runs the queued sign-in mails as the queue trigger would.</summary>
    private async Task DrainMailAsync(ServiceProvider? provider = null)
    {
        provider ??= services;
        var queue = provider.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.SignInMail);
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SendSignInMail>().Run(QueueBinding.Bind<SignInMailJob>(scope.ServiceProvider, message.MessageText), CancellationToken.None);
        }
    }

    private async Task<string> LinkTokenAsync(string email, ServiceProvider? provider = null)
    {
        await AskAsync(email, provider);
        await DrainMailAsync(provider);
        var text = mail.Sent[^1].TextBody;
        return Uri.UnescapeDataString(LinkToken().Match(text).Groups[1].Value);
    }

    private static HttpRequest WithCookie(HttpRequest request, string? cookie)
    {
        if (cookie is not null)
        {
            request.Headers.Cookie = cookie;
        }

        return request;
    }

    private static string CookieOf(FunctionResponse response) => response.Headers.SetCookie.ToString().Split(';')[0];

    private async Task<(string Cookie, string Token)> SignedInAsync(string email)
    {
        var token = await LinkTokenAsync(email);
        var signedIn = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)]), (f, r) => f.Run(r, CancellationToken.None));
        var cookie = CookieOf(signedIn);
        var page = await CallAsync<SignOut>(WithCookie(FunctionRequests.Get("/signout"), cookie), (f, r) => f.Run(r, CancellationToken.None));
        return (cookie, AntiForgery().Match(page.Body).Groups[1].Value);
    }

    [Fact]
    public async Task SignIn_AnswersKnownAndUnknownAddressesWithTheSamePage()
    {
        var known = await AskAsync("editor@example.org");
        var unknown = await AskAsync("nobody@example.org");

        Assert.Equal(200, known.Status);
        Assert.Equal(200, unknown.Status);
        Assert.Equal(Normalise(known.Body, "editor@example.org"), Normalise(unknown.Body, "nobody@example.org"));
        Assert.Contains("Check your inbox", known.Body, StringComparison.Ordinal);
        await DrainMailAsync();
        Assert.Equal("editor@example.org", Assert.Single(mail.Sent).To.Address);
    }

    [Fact]
    public async Task SignIn_InvalidAddress_GetsTheFormBackWithTheProblem()
    {
        var response = await AskAsync("editor example.org");

        Assert.Equal(400, response.Status);
        Assert.Contains("An e-mail address has no spaces.", response.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"editor example.org\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_OpenedByGet_ShowsAButton_AndSignsNobodyIn_UntilThePost()
    {
        var token = await LinkTokenAsync("editor@example.org");

        var opened = await CallAsync<SignInComplete>(FunctionRequests.Get("/signin/complete?token=" + Uri.EscapeDataString(token)), (f, r) => f.Run(r, CancellationToken.None));
        var again = await CallAsync<SignInComplete>(FunctionRequests.Get("/signin/complete?token=" + Uri.EscapeDataString(token)), (f, r) => f.Run(r, CancellationToken.None));
        Assert.Equal(200, opened.Status);
        Assert.Equal(200, again.Status);
        Assert.Empty(opened.Headers.SetCookie.ToString());
        Assert.Contains("<form method=\"post\" action=\"https://news.example.org/signin/complete\">", opened.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", opened.Body, StringComparison.OrdinalIgnoreCase);

        var posted = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)]), (f, r) => f.Run(r, CancellationToken.None));
        Assert.Equal(303, posted.Status);
        Assert.Equal("https://news.example.org/console", posted.Headers.Location.ToString());
        var cookie = posted.Headers.SetCookie.ToString();
        Assert.Matches("^__Host-session=[A-Za-z0-9_-]{43}; max-age=604800; path=/; secure; samesite=lax; httponly$", cookie);

        var reused = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)]), (f, r) => f.Run(r, CancellationToken.None));
        Assert.Equal(410, reused.Status);
        Assert.Contains("This sign-in link has already been used", reused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_IsNotSecure_WhenTheSiteIsServedOverHttp()
    {
        await using var http = await StartAsync("http://127.0.0.1:7071");
        var token = await LinkTokenAsync("press@kth.se", http);

        var posted = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)]), (f, r) => f.Run(r, CancellationToken.None), http);

        Assert.Equal("http://127.0.0.1:7071/portal", posted.Headers.Location.ToString());
        Assert.Matches("^session=[A-Za-z0-9_-]{43}; max-age=604800; path=/; samesite=lax; httponly$", posted.Headers.SetCookie.ToString());
    }

    [Fact]
    public async Task Code_TypedOnTheAnswerPage_SignsIn_AndAWrongOneSaysSo()
    {
        var answer = await AskAsync("editor@example.org");
        await DrainMailAsync();
        var attempt = AttemptRef().Match(answer.Body).Groups[1].Value;
        var code = Code().Match(mail.Sent[^1].TextBody).Groups[1].Value;
        var wrong = code == "000000" ? "111111" : "000000";

        var refused = await CallAsync<SignInCode>(FunctionRequests.Form("/signin/code", [KeyValuePair.Create("attempt", attempt), KeyValuePair.Create("code", wrong)]), (f, r) => f.Run(r, CancellationToken.None));
        var accepted = await CallAsync<SignInCode>(FunctionRequests.Form("/signin/code", [KeyValuePair.Create("attempt", attempt), KeyValuePair.Create("code", code)]), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(400, refused.Status);
        Assert.Contains("That code is not right.", refused.Body, StringComparison.Ordinal);
        Assert.Contains("is on its way if your address may sign in", refused.Body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{attempt}\"", refused.Body, StringComparison.Ordinal);
        Assert.Equal(303, accepted.Status);
        Assert.StartsWith("__Host-session=", accepted.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site", null, null)]
    [InlineData("Sec-Fetch-Site", "cross-site", "Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site", "Origin", "https://news.example.org")]
    [InlineData("Origin", "https://attacker.example", null, null)]
    [InlineData("Sec-Fetch-Site", "same-site", "Origin", "https://www.news.example.org")]
    [InlineData("Referer", "https://attacker.example/prize", null, null)]
    public async Task CodeAndLink_PostedFromAnotherSite_AreRefused_AndSignNobodyIn(string header, string value, string? header2, string? value2)
    {
        var answer = await AskAsync("editor@example.org");
        await DrainMailAsync();
        var attempt = AttemptRef().Match(answer.Body).Groups[1].Value;
        var code = Code().Match(mail.Sent[^1].TextBody).Groups[1].Value;
        var token = Uri.UnescapeDataString(LinkToken().Match(mail.Sent[^1].TextBody).Groups[1].Value);
        (string, string)[] headers = header2 is null ? [(header, value)] : [(header, value), (header2, value2!)];

        var byCode = await CallAsync<SignInCode>(FunctionRequests.Form("/signin/code", [KeyValuePair.Create("attempt", attempt), KeyValuePair.Create("code", code)], headers), (f, r) => f.Run(r, CancellationToken.None));
        var byLink = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)], headers), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(403, byCode.Status);
        Assert.Equal(403, byLink.Status);
        Assert.Contains("This sign-in did not come from this site", byCode.Body, StringComparison.Ordinal);
        Assert.Empty(byCode.Headers.SetCookie.ToString());
        Assert.Empty(byLink.Headers.SetCookie.ToString());

        // Refused before anything was used up: the same code, posted by this site's own page, still signs in.
        var own = await CallAsync<SignInCode>(FunctionRequests.Form("/signin/code", [KeyValuePair.Create("attempt", attempt), KeyValuePair.Create("code", code)],
            ("Sec-Fetch-Site", "same-origin"), ("Origin", "null")), (f, r) => f.Run(r, CancellationToken.None));
        Assert.Equal(303, own.Status);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin", "Origin", "null")]
    [InlineData("Sec-Fetch-Site", "same-site", "Origin", "null")]
    [InlineData("Sec-Fetch-Site", "none", null, null)]
    [InlineData("Referer", "https://news.example.org/signin", null, null)]
    [InlineData("Origin", "null", null, null)]
    [InlineData("Origin", "https://news.example.org", null, null)]
    [InlineData("User-Agent", "curl/8.5.0", null, null)]
    public async Task Link_PostedByThisSitesPage_OrByAClientWithoutFetchMetadata_SignsIn(string header, string value, string? header2, string? value2)
    {
        var token = await LinkTokenAsync("editor@example.org");
        (string, string)[] headers = header2 is null ? [(header, value)] : [(header, value), (header2, value2!)];

        var signedIn = await CallAsync<SignInComplete>(FunctionRequests.Form("/signin/complete", [KeyValuePair.Create("token", token)], headers), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(303, signedIn.Status);
        Assert.NotEmpty(signedIn.Headers.SetCookie.ToString());
    }

    [Fact]
    public async Task Areas_SendStrangersToSignIn_AndRefuseTheWrongRole()
    {
        var (editor, _) = await SignedInAsync("editor@example.org");
        var (contact, _) = await SignedInAsync("press@kth.se");

        var anonymous = await CallAsync<ConsoleHome>(FunctionRequests.Get("/console"), (f, r) => f.Run(r, CancellationToken.None));
        var console = await CallAsync<ConsoleHome>(WithCookie(FunctionRequests.Get("/console"), editor), (f, r) => f.Run(r, CancellationToken.None));
        var contactOnConsole = await CallAsync<ConsoleHome>(WithCookie(FunctionRequests.Get("/console"), contact), (f, r) => f.Run(r, CancellationToken.None));
        var portal = await CallAsync<PortalHome>(WithCookie(FunctionRequests.Get("/portal"), contact), (f, r) => f.Run(r, CancellationToken.None));
        var editorOnPortal = await CallAsync<PortalHome>(WithCookie(FunctionRequests.Get("/portal"), editor), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(303, anonymous.Status);
        Assert.Equal("https://news.example.org/signin", anonymous.Headers.Location.ToString());
        Assert.Equal(200, console.Status);
        Assert.Contains("<span class=\"meta\">editor@example.org (editor)</span>", console.Body, StringComparison.Ordinal);
        Assert.Equal(403, contactOnConsole.Status);
        Assert.Contains("<a href=\"https://news.example.org/portal\">Go to the member portal</a>", contactOnConsole.Body, StringComparison.Ordinal);
        Assert.Equal(200, portal.Status);
        Assert.Contains("Member portal: KTH", portal.Body, StringComparison.Ordinal);
        Assert.Equal(403, editorOnPortal.Status);
        Assert.Contains("<a href=\"https://news.example.org/console\">Go to the console</a>", editorOnPortal.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_AnswersAnotherMembersThingWith404()
    {
        var (contact, _) = await SignedInAsync("press@kth.se");
        await using var scope = services.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<AccessGate>();

        var own = await gate.ContactAsync(WithCookie(FunctionRequests.Get("/portal/x"), contact), "kth", admin: false, CancellationToken.None);
        var other = await gate.ContactAsync(WithCookie(FunctionRequests.Get("/portal/x"), contact), "ucl", admin: false, CancellationToken.None);
        var asAdmin = await gate.ContactAsync(WithCookie(FunctionRequests.Get("/portal/x"), contact), "kth", admin: true, CancellationToken.None);

        Assert.True(own.Allowed);
        Assert.Equal(404, (await other.Refusal!.ExecuteAsync(FunctionRequests.Get("/portal/x"))).Status);
        Assert.Equal(403, (await asAdmin.Refusal!.ExecuteAsync(FunctionRequests.Get("/portal/x"))).Status);
    }

    [Fact]
    public async Task SignOut_WithoutTheSessionsFormToken_IsRefused_AndWithIt_EndsTheSessionAtOnce()
    {
        var (cookie, token) = await SignedInAsync("editor@example.org");
        var (_, otherToken) = await SignedInAsync("editor@example.org");

        var bare = await CallAsync<SignOut>(WithCookie(FunctionRequests.Form("/signout", []), cookie), (f, r) => f.Run(r, CancellationToken.None));
        var foreign = await CallAsync<SignOut>(WithCookie(FunctionRequests.Form("/signout", [KeyValuePair.Create("antiforgery", otherToken)]), cookie), (f, r) => f.Run(r, CancellationToken.None));
        var stillIn = await CallAsync<ConsoleHome>(WithCookie(FunctionRequests.Get("/console"), cookie), (f, r) => f.Run(r, CancellationToken.None));
        var signedOut = await CallAsync<SignOut>(WithCookie(FunctionRequests.Form("/signout", [KeyValuePair.Create("antiforgery", token)]), cookie), (f, r) => f.Run(r, CancellationToken.None));
        var after = await CallAsync<ConsoleHome>(WithCookie(FunctionRequests.Get("/console"), cookie), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(403, bare.Status);
        Assert.Equal(403, foreign.Status);
        Assert.Equal(200, stillIn.Status);
        Assert.Equal(200, signedOut.Status);
        Assert.Contains("You are signed out", signedOut.Body, StringComparison.Ordinal);
        Assert.StartsWith("__Host-session=;", signedOut.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        Assert.Equal(303, after.Status);
    }

    [Theory]
    [InlineData("Origin", "https://attacker.example", false)]
    [InlineData("Origin", "https://www.news.example.org", false)]
    [InlineData("Referer", "https://attacker.example/prize", false)]
    [InlineData("Referer", "not an address", false)]
    [InlineData("Sec-Fetch-Site", "cross-site", false)]
    [InlineData("Origin", "https://news.example.org", true)]
    [InlineData("Referer", "https://news.example.org/signout", true)]
    [InlineData("Origin", "null", true)]
    [InlineData("User-Agent", "curl/8.5.0", true)]
    public async Task AConsoleFormOrSignOut_FromAnotherOrigin_IsRefusedThoughItHasTheToken_AndFromThisSiteOrWithoutOrigin_TheTokenDecides(string header, string value, bool own)
    {
        var (cookie, token) = await SignedInAsync("editor@example.org");
        HttpRequest Post(string path) => WithCookie(FunctionRequests.Form(path, [KeyValuePair.Create("antiforgery", token)], (header, value)), cookie);

        ConsoleRequest? console;
        Microsoft.AspNetCore.Mvc.IActionResult? refusal;
        await using (var scope = services.CreateAsyncScope())
        {
            (console, refusal) = await scope.ServiceProvider.GetRequiredService<ConsoleAccess>().CheckAsync(Post("/console/updates/u1"), admin: false, CancellationToken.None);
        }

        var signOut = await CallAsync<SignOut>(Post("/signout"), (f, r) => f.Run(r, CancellationToken.None));
        var after = await CallAsync<ConsoleHome>(WithCookie(FunctionRequests.Get("/console"), cookie), (f, r) => f.Run(r, CancellationToken.None));
        if (own)
        {
            Assert.NotNull(console);
            Assert.Equal(200, signOut.Status);
            Assert.Equal(303, after.Status);
            return;
        }

        Assert.Null(console);
        var refused = await refusal!.ExecuteAsync(Post("/console/updates/u1"));
        Assert.Equal(403, refused.Status);
        Assert.Contains("This form did not come from this site", refused.Body, StringComparison.Ordinal);
        Assert.Equal(403, signOut.Status);
        Assert.Contains("A page on another site sent it in your name, so nothing was changed.", signOut.Body, StringComparison.Ordinal);
        Assert.Equal(200, after.Status);
    }

    [Fact]
    public async Task ThePublicPages_LeadASignedInVisitorToTheirStartPage_AndOfferEveryoneElseToSignIn()
    {
        var (editor, _) = await SignedInAsync("editor@example.org");
        var (contact, _) = await SignedInAsync("press@kth.se");
        async Task<string> FooterAsync(string? cookie)
        {
            var home = await CallAsync<Functions.Editions.Home>(WithCookie(FunctionRequests.Get("/"), cookie), (f, r) => f.Run(r, CancellationToken.None));
            var archive = await CallAsync<Functions.Editions.Archive>(WithCookie(FunctionRequests.Get("/archive"), cookie), (f, r) => f.Run(r, CancellationToken.None));
            Assert.Equal("no-store", home.Headers.CacheControl.ToString());
            var footer = home.Body[home.Body.IndexOf("<footer", StringComparison.Ordinal)..];
            Assert.Equal(footer, archive.Body[archive.Body.IndexOf("<footer", StringComparison.Ordinal)..]);
            return footer;
        }

        Assert.Contains("<a href=\"https://news.example.org/console\">Your start page</a> (signed in)", await FooterAsync(editor), StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.org/portal\">Your start page</a> (signed in)", await FooterAsync(contact), StringComparison.Ordinal);
        foreach (var visitor in new[] { null, "__Host-session=not-a-session-of-this-site-at-all" })
        {
            var footer = await FooterAsync(visitor);
            Assert.Contains(">Sign in</a> (members and editors)", footer, StringComparison.Ordinal);
            Assert.DoesNotContain("Your start page", footer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ASignInRequest_FromAnotherOrigin_MailsNothing()
    {
        var refused = await CallAsync<SignIn>(FunctionRequests.Form("/signin", [KeyValuePair.Create("email", "editor@example.org")], ("Origin", "https://attacker.example")),
            (f, r) => f.Run(r, CancellationToken.None));
        await DrainMailAsync();

        Assert.Equal(403, refused.Status);
        Assert.Empty(mail.Sent);
        Assert.Equal(200, (await AskAsync("editor@example.org")).Status);
    }

    private static string Normalise(string body, string address) =>
        AttemptRef().Replace(body.Replace(address, "ADDRESS", StringComparison.Ordinal), "REF");

    [GeneratedRegex("token=([^\\s]+)")]
    private static partial Regex LinkToken();

    [GeneratedRegex("name=\"attempt\" value=\"([0-9a-f.]+)\"")]
    private static partial Regex AttemptRef();

    [GeneratedRegex("code on the page where you asked for the link: ([0-9]{6})")]
    private static partial Regex Code();

    [GeneratedRegex("name=\"antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
