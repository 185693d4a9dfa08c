using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// A reader's whole journey in a real browser (Debian's Chromium, headless) against the local host:
/// sign up, confirm from the mail in the outbox, change preferences, leave with the one-click POST.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class SubscriptionJourneyTests(AzuriteFixture azurite)
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

    private static async Task<MimeMessage> MailAsync(string outbox, int count)
    {
        var files = await Eventually.ValueAsync(() => Task.FromResult(
            Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml").Length >= count ? Directory.GetFiles(outbox, "*.eml").Order().ToArray() : null),
            TimeSpan.FromSeconds(30), $"mail #{count} in the outbox");
        return await MimeMessage.LoadAsync(files[count - 1]);
    }

    [Fact]
    public async Task Reader_SignsUpConfirmsChangesPreferencesAndLeaves_InARealBrowser()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium package.");
        var data = Directory.CreateTempSubdirectory("journey-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = data,
            Settings = new Dictionary<string, string?>
            {
                // The browser fills the form faster than a person; the render-time rule has its own tests.
                ["Subscriptions:MinRenderSeconds"] = "0",
                ["App:NetworkName"] = "Research Network Updates",
            },
        });
        var outbox = Path.Combine(data, "outbox");
        var docs = RepositoryPaths.Screenshots;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        // BypassCSP lets axe-core run: the site's policy allows no script.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, ViewportSize = new ViewportSize { Width = 720, Height = 900 } });
        var page = await context.NewPageAsync();

        // Sign up.
        await page.GotoAsync(new Uri(host.BaseAddress, "subscribe").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Subscribe to Research Network Updates" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the signup form");
        await page.GetByLabel("E-mail address").FillAsync("Ada.Lovelace@Example.org");
        await page.GetByLabel("Name (optional)").FillAsync("Ada");
        await page.GetByLabel("Research").CheckAsync();
        await page.GetByLabel("Funding").CheckAsync();
        await page.GetByLabel("Daily digest").CheckAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "signup.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the check-your-inbox page");

        // Confirm from the mail.
        var confirmation = await MailAsync(outbox, 1);
        Assert.Equal("Ada.Lovelace@example.org", confirmation.To.Mailboxes.Single().Address);
        var confirmLink = ConfirmLink().Match(confirmation.HtmlBody!).Groups[1].Value;
        Assert.NotEmpty(confirmLink);
        confirmLink = System.Net.WebUtility.HtmlDecode(confirmLink);

        // A mail scanner fetching the link, and one loading the page with its scripts, confirm no one.
        using (var scanner = new HttpClient())
        using (var fetched = await scanner.GetAsync(new Uri(confirmLink)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, fetched.StatusCode);
        }

        Assert.Equal(ReaderState.Pending, (await ReaderAsync(host))!.State);
        await page.GotoAsync(confirmLink, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your subscription" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the confirmation page");
        Assert.True(await page.EvaluateAsync<bool>("() => true"), "scripts run on the page");
        Assert.Equal(ReaderState.Pending, (await ReaderAsync(host))!.State);

        // The reader's press confirms.
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are subscribed" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the confirmed page");
        Assert.Equal(ReaderState.Active, (await ReaderAsync(host))!.State);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "confirmed.png"), FullPage = true });

        // Change preferences.
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage your preferences" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your preferences" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the preferences page");
        await Assertions.Expect(page.GetByLabel("Research")).ToBeCheckedAsync();
        await page.GetByLabel("Research").UncheckAsync();
        await page.GetByLabel("Innovation").CheckAsync();
        await page.GetByLabel("Weekly digest").CheckAsync();
        await page.GetByLabel("Name (optional)").FillAsync("Ada L.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your preferences are saved.");
        await Assertions.Expect(page.GetByLabel("Innovation")).ToBeCheckedAsync();

        // Leave with the one-click POST a mail client sends (RFC 8058).
        var welcome = await MailAsync(outbox, 2);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        // The header lists the one-click URL first, then a mailto: the browser opens the URL.
        var unsubscribe = welcome.Headers["List-Unsubscribe"]!.Split(',')[0].Trim().Trim('<', '>');
        await page.GotoAsync(unsubscribe);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the unsubscribe page");
        var response = await page.APIRequest.PostAsync(unsubscribe, new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("List-Unsubscribe", "One-Click"),
            MaxRedirects = 0,
        });
        Assert.Equal(200, response.Status);
        await page.GotoAsync(unsubscribe);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are already unsubscribed" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the already-unsubscribed page");
        await page.GotoAsync(confirmLink[..^3] + "AAA");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is not valid" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the invalid-link page");

        // The reader's final state, as stored.
        var reader = await ReaderAsync(host);
        Assert.NotNull(reader);
        Assert.Equal(ReaderState.Unsubscribed, reader.State);
        Assert.Equal("Ada L.", reader.Name);
        Assert.Equal(["Innovation", "Funding"], reader.Topics);
        Assert.Equal(Frequency.Weekly, reader.Frequency);
        Assert.NotNull(reader.Consent?.ConfirmedAt);
        Assert.Equal([ReaderState.Pending, ReaderState.Active, ReaderState.Unsubscribed], reader.History.Select(h => h.To));
        Assert.True(File.Exists(Path.Combine(docs, "signup.png")));
    }

    private static Task<Reader?> ReaderAsync(LocalHost host)
    {
        var key = host.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("ada.lovelace@example.org"));
        return host.Services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None);
    }

    [GeneratedRegex("href=\"(http://127\\.0\\.0\\.1:\\d+/confirm\\?token=[^\"]+)\"")]
    private static partial Regex ConfirmLink();
}
