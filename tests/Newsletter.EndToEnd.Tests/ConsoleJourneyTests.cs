using System.Text.RegularExpressions;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;
using WJ = Microsoft.Azure.WebJobs;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// An editor's round in a real browser on the local host with <c>Digest:RequireApproval</c>: sign in, open the pending
/// update, edit its title, approve it, preview the next daily edition, test-send it to the outbox; the daily timer holds the
/// edition, the editor reads its preview, sends it and watches its delivery page reach "sent"; the reader's digest and the
/// update's public page carry the edited title. Every console page passes axe-core at a phone's and a desktop's width.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class ConsoleJourneyTests(AzuriteFixture azurite)
{
    private const string SeedTitle = "Servier and UCL collaborate in fight against immune-inflammatory diseases";
    private const string EditedTitle = "Servier and UCL join forces against immune-inflammatory diseases";

    [Fact]
    public async Task Editor_EditsApprovesPreviewsTestSendsAndSendsTheHeldEdition_AndTheUpdatePageShowsTheEditedTitle()
    {
        var data = Directory.CreateTempSubdirectory("console-").FullName;
        // Editions wait for an editor: the timer composes them held, and the test send works all the same.
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data,
            Settings = new Dictionary<string, string?> { ["Digest:RequireApproval"] = "true" },
        });
        var services = host.Services;
        await services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: false, CancellationToken.None);
        await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: false, CancellationToken.None);
        await using (var seed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt")))
        {
            await services.GetRequiredService<IReleaseFiles>().SaveIncomingAsync("ucl", "seed.txt", seed, "text/plain", "r-seed", CancellationToken.None);
        }

        await services.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", "seed.txt", CancellationToken.None);
        await services.GetRequiredService<IReaderStore>().SaveAsync(
            TestData.ActiveReader("reader-1", 1, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-1)), CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        // Sign in with the mailed link.
        await page.GotoAsync(new Uri(host.BaseAddress, "signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync("editor@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        var link = SignInLink().Match((await Browser.MailAsync(outbox, 1)).TextBody!).Value;
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The queue, then the pending update beside its origin.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the review queue");
        await Screenshots.TakeAsync(page, "console-queue.png");
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "As its public page will look" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "seed.txt" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "an update under review");

        // Edit the title, then approve.
        await page.GetByLabel("Title").FillAsync(EditedTitle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the edit" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The edit is saved; its revision is listed below.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("del").First).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "an update with a revision");
        await Screenshots.TakeAsync(page, "console-update.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Approved: the update is published")).ToBeVisibleAsync();

        // The next daily edition holds it: preview, then test-send to the outbox.
        await page.GetByRole(AriaRole.Link, new() { Name = "Editions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Next daily edition, as it stands now" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(EditedTitle).First).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the editions page");
        await Screenshots.TakeAsync(page, "console-editions.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "HTML" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = EditedTitle }).First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "console-edition-preview.png");
        await page.GoBackAsync();
        await page.GetByLabel("Test-send the all-topics preview to").First.FillAsync("editor@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the daily preview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The preview went to 1 address (subject")).ToBeVisibleAsync();
        var test = await Browser.MailAsync(outbox, 2);
        Assert.StartsWith("[Test] ", test.Subject, StringComparison.Ordinal);
        Assert.Contains(EditedTitle, test.TextBody, StringComparison.Ordinal);

        // The daily timer fires, as the local host's timer calls it: the edition is composed held, and nothing is sent.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebJobsTriggers>().ComposeDailyEdition(
                new WJ.TimerInfo(new ConstantSchedule(TimeSpan.FromDays(1)), new ScheduleStatus()), CancellationToken.None);
        }

        // The editor finds it held on the editions page, reads its preview, and sends it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Editions", Exact = true }).ClickAsync();
        var held = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = HeldHeading() }) });
        await Assertions.Expect(held).ToBeVisibleAsync();
        var editionId = HeldHeading().Match(await held.GetByRole(AriaRole.Heading).InnerTextAsync()).Groups[1].Value;
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = editionId }).GetByRole(AriaRole.Cell, new() { Name = "held for approval" })).ToBeVisibleAsync();
        await Assertions.Expect(held.GetByText(EditedTitle)).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the editions page with a held edition");
        foreach (var width in Accessibility.Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            var overlap = await held.EvaluateAsync<double>(
                "s => Math.max(0, ...[...s.children].slice(1).map(e => e.previousElementSibling.getBoundingClientRect().bottom - e.getBoundingClientRect().top))");
            Assert.True(overlap <= 0.5, $"a part of the held edition's section overlaps the one above it by {overlap} px at {width} px");
        }

        await Screenshots.TakeAsync(held, "console-held-edition.png");
        await held.GetByRole(AriaRole.Link, new() { Name = "HTML" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = EditedTitle }).First).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "a held edition's preview");
        Assert.Equal(2, Directory.GetFiles(outbox, "*.eml").Length); // the sign-in link and the test send: nothing went to readers
        await page.GoBackAsync();
        await held.GetByRole(AriaRole.Button, new() { Name = "Approve and send" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Approved: the edition {editionId} is being sent.")).ToBeVisibleAsync();

        // Its delivery page follows the dispatch on its own until every recipient is final.
        await page.GetByRole(AriaRole.Link, new() { Name = editionId, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Delivery of {editionId}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.meta strong").First).ToHaveTextAsync("sent", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("1 recipient of 1 final")).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the delivery page of a sent edition");
        var digest = await Browser.MailAsync(outbox, 3);
        Assert.Equal("ada@example.org", digest.To.Mailboxes.Single().Address);
        Assert.Contains(EditedTitle, digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(EditedTitle, digest.HtmlBody, StringComparison.Ordinal);

        // The audit log and the updates list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "update.approved" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "update.edited" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "edition.test-sent" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "edition.sent" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the audit log");
        await page.GetByRole(AriaRole.Link, new() { Name = "Updates", Exact = true }).ClickAsync();
        await Accessibility.CheckAsync(page, "the updates list");

        // The public page shows the edited title.
        await page.GotoAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = EditedTitle }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = EditedTitle, Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/complete\?token=\S+")]
    private static partial Regex SignInLink();

    [GeneratedRegex(@"^Held for approval: the daily edition (\S+)$")]
    private static partial Regex HeldHeading();
}

/// <summary>The console's README screenshots, at a desktop's width, where <see cref="RepositoryPaths.Screenshots"/> says (docs/ only from scripts/screenshots.sh).</summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, name), FullPage = true });
    }

    /// <summary>One part of a page (a section), at a desktop's width.</summary>
    public static async Task TakeAsync(ILocator part, string name)
    {
        await part.Page.SetViewportSizeAsync(1280, 900);
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, name) });
    }
}
