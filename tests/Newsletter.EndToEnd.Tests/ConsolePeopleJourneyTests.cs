using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// An admin's look at delivery, readers and members in a real browser on the local host: an incomplete edition's delivery
/// page with its charts and tables, the readers page, a lookup by address and an unsubscribe from the reader's page,
/// a member's contact and API key added;
/// every page passes axe-core at a phone's and a desktop's width.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class ConsolePeopleJourneyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Admin_WatchesAnEditionsDelivery_UnsubscribesAReaderFoundByAddress_AndAddsAMembersContactAndKey()
    {
        var data = Directory.CreateTempSubdirectory("console-people-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        var services = host.Services;
        await services.GetRequiredService<PeopleService>().AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);
        await services.GetRequiredService<Core.Members.MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        var identity = services.GetRequiredService<ReaderIdentity>();
        var readers = services.GetRequiredService<IReaderStore>();
        foreach (var (address, days) in new[] { ("ada@example.org", 20), ("bo@example.org", 5), ("cy@example.org", 1) })
        {
            var key = identity.For(EmailAddress.Parse(address));
            await readers.SaveAsync(TestData.ActiveReader(key.Id, key.Bucket, address, DateTimeOffset.UtcNow.AddDays(-days)), CancellationToken.None);
        }

        var editionId = await SeedIncompleteEditionAsync(services);
        var outbox = Path.Combine(data, "outbox");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync("editor@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        await page.GotoAsync(SignInLink().Match((await Browser.MailAsync(outbox, 1)).TextBody!).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The edition's delivery, from the editions list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Editions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = editionId }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Delivery of {editionId}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Figure, new() { Name = "Recipients by state" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Recipients by state, as a table" })).ToContainTextAsync("Pending100");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send what is pending" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "an edition's delivery");
        await Screenshots.TakeAsync(page, "console-delivery.png");

        // The readers, then one of them by address.
        await page.GetByRole(AriaRole.Link, new() { Name = "Readers", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Readers", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "b***@example.org" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the readers page");
        await Screenshots.TakeAsync(page, "console-readers.png");
        await page.GetByLabel("Exact e-mail address").FillAsync("Bo@Example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "bo@example.org" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "a reader's page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Unsubscribed: no further digest goes to this reader.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "unsubscribed by an editor" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "a reader's page after an action");

        // The members: add a contact to one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        await Accessibility.CheckAsync(page, "the members page");
        await page.GetByRole(AriaRole.Link, new() { Name = "KTH Royal Institute of Technology" }).ClickAsync();
        await page.GetByLabel("Add a contact (e-mail address)").FillAsync("press@kth.se");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "press@kth.se", Exact = true })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "a member's page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue a new API key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The new API key, shown this once")).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "a member's page with a new key");
    }

    /// <summary>An edition whose bucket 7 was given up with 100 readers still pending, after 800 were sent.</summary>
    private static async Task<string> SeedIncompleteEditionAsync(IServiceProvider services)
    {
        var slot = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        var edition = new Edition
        {
            Id = Edition.IdFor(Frequency.Daily, slot), Frequency = Frequency.Daily, ScheduledFor = slot, WindowStart = slot.AddDays(-1), Cutoff = slot,
            CreatedAt = slot, Status = EditionStatus.Composed, Attempt = "a1", Items = [new EditionItem("u1", "Sand battery", "KTH", DateOnly.FromDateTime(slot.UtcDateTime), "Heat in sand.", [])],
            Variants = [new EditionVariant("all", [], ["u1"], 900, "Daily digest")],
        };
        Assert.True(await services.GetRequiredService<IEditionStore>().TryCreateAsync(edition, CancellationToken.None));
        var ledger = services.GetRequiredService<IDispatchLedger>();
        await ledger.MarkAsync(edition.Id, DispatchStage.Started, slot, CancellationToken.None);
        await ledger.AddAsync(
        [
            new DispatchChunk { EditionId = edition.Id, Bucket = 1, Number = 0, VariantKey = "all", State = ChunkState.Sent, ReaderIds = [.. Enumerable.Range(0, 800).Select(i => $"r{i}")] },
            new DispatchChunk { EditionId = edition.Id, Bucket = 7, Number = 0, VariantKey = "all", ReaderIds = [.. Enumerable.Range(0, 100).Select(i => $"p{i}")] },
        ], CancellationToken.None);
        await ledger.MarkIncompleteAsync(new DispatchRequest(edition.Id, 7), slot, CancellationToken.None);
        return edition.Id;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/signin/complete\?token=\S+")]
    private static partial Regex SignInLink();
}
