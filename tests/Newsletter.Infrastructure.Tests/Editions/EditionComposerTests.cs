using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Editions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Editions;

[Collection(AzuriteCollection.Name)]
public class EditionComposerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Seven = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    private sealed class World
    {
        public required TableUpdateStore Updates { get; init; }
        public required TableEditionStore Editions { get; init; }
        public required TableReaderStore Readers { get; init; }
        public required StorageClients Clients { get; init; }
        public required FakeTimeProvider Time { get; init; }
        public DigestOptions Digest { get; } = new();
        private int _next;

        public EmbargoService Embargoes() => new(Updates, Options.Create(new AppOptions()), Time, NullLogger<EmbargoService>.Instance);

        public EditionComposer Composer() => new(Editions, Updates, Embargoes(), Readers,
            new EditionRenderer(new EditionTemplates(new BlobTemplateStore(Clients), NullLogger<EditionTemplates>.Instance),
                Options.Create(new AppOptions { BaseUrl = "https://news.example.org" }), Options.Create(new DigestOptions())),
            Time, NullLogger<EditionComposer>.Instance, Options.Create(Digest));

        public async Task<string> PublishAsync(string title, DateTimeOffset at, params string[] topics)
        {
            var id = $"u{Interlocked.Increment(ref _next):D4}";
            await Updates.TryAddAsync(TestData.PublishedUpdate(id, title, at, topics), CancellationToken.None);
            return id;
        }

        public async Task ReaderAsync(Frequency frequency, params string[] topics)
        {
            var n = Interlocked.Increment(ref _next);
            await Readers.SaveAsync(TestData.ActiveReader($"reader{n}", n % ReaderIdentity.Buckets, $"reader{n}@example.org",
                Time.GetUtcNow().AddDays(-29), frequency, topics), CancellationToken.None);
        }
    }

    private async Task<World> CreateAsync()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        return new World
        {
            Clients = clients,
            Updates = new TableUpdateStore(clients),
            Editions = new TableEditionStore(clients),
            Readers = new TableReaderStore(clients),
            Time = new FakeTimeProvider(Seven),
        };
    }

    [Fact]
    public async Task ImportedUpdates_NeverEnterAnEdition_EvenInsideTheWindow()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        var news = await w.PublishAsync("News", Seven.AddHours(-2));
        await w.Updates.TryAddAsync(TestData.PublishedUpdate("u9999", "From the archive", Seven.AddHours(-3)) with { Imported = true }, CancellationToken.None);

        var edition = await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None);

        Assert.Equal([news], edition.Edition.Items.Select(i => i.UpdateId));
        Assert.True((await w.Updates.GetAsync("u9999", CancellationToken.None))!.Imported);
    }

    [Fact]
    public async Task FirstEdition_TakesTheLast24Hours_AndTheNextStartsAtItsCutoff()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        var tooOld = await w.PublishAsync("Too old", Seven.AddHours(-25));
        var inWindow = await w.PublishAsync("In window", Seven.AddHours(-2));
        var afterCutoff = await w.PublishAsync("Next day", Seven.AddHours(5));

        var first = await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None);
        var second = await w.Composer().ComposeAsync(Frequency.Daily, Seven.AddDays(1), CancellationToken.None);

        Assert.Equal([inWindow], first.Edition.Items.Select(i => i.UpdateId));
        Assert.Equal(Seven.AddDays(-1), first.Edition.WindowStart);
        Assert.Equal(first.Edition.Cutoff, second.Edition.WindowStart);
        Assert.Equal([afterCutoff], second.Edition.Items.Select(i => i.UpdateId));
        Assert.DoesNotContain(tooOld, first.Edition.Items.Select(i => i.UpdateId));
    }

    [Fact]
    public async Task DoubleFire_GivesOneEdition()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        await w.PublishAsync("News", Seven.AddHours(-1));

        var outcomes = await Task.WhenAll(
            w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None),
            w.Composer().ComposeAsync(Frequency.Daily, Seven.AddSeconds(20), CancellationToken.None));

        Assert.Equal(outcomes[0].Edition.Id, outcomes[1].Edition.Id);
        var winner = Assert.Single(outcomes, o => o.Created).Edition;
        var stored = Assert.Single(await w.Editions.ListAsync(10, CancellationToken.None));
        Assert.Equal(winner.Attempt, stored.Attempt);
        Assert.Equal(winner.Cutoff, stored.Cutoff);
        Assert.Equal(winner.Items.Select(i => i.UpdateId), stored.Items.Select(i => i.UpdateId));
        Assert.NotNull(await w.Editions.GetRenderingAsync(stored.Id, Assert.Single(stored.Variants).Key, CancellationToken.None));
    }

    [Fact]
    public async Task MissedRuns_AreCaughtUpOnce_FromTheLastCutoff()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None);
        var dayOne = await w.PublishAsync("Day one", Seven.AddHours(3));
        var dayTwo = await w.PublishAsync("Day two", Seven.AddDays(1).AddHours(3));

        // The host was down for two slots; the past-due timer fires once.
        var catchUp = await w.Composer().ComposeAsync(Frequency.Daily, Seven.AddDays(2).AddMinutes(13), CancellationToken.None);

        Assert.Equal(Seven, catchUp.Edition.WindowStart);
        Assert.Equal([dayTwo, dayOne], catchUp.Edition.Items.Select(i => i.UpdateId));
        Assert.Equal(2, (await w.Editions.ListAsync(10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task NoUpdates_RecordsAnEmptyEditionWithItsReason()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Weekly);

        var outcome = await w.Composer().ComposeAsync(Frequency.Weekly, Seven, CancellationToken.None);

        Assert.Equal(EditionStatus.Empty, outcome.Edition.Status);
        Assert.Contains("No update was published", outcome.Edition.Reason, StringComparison.Ordinal);
        Assert.Empty(outcome.Edition.Variants);
        Assert.Equal(EditionStatus.Empty, (await w.Editions.GetAsync(outcome.Edition.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Variants_OnePerTopicSet_RenderedOnce_AndSkippedWhenNothingMatches()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        await w.ReaderAsync(Frequency.Daily, "energy");
        await w.ReaderAsync(Frequency.Daily, "Energy");
        await w.ReaderAsync(Frequency.Daily, "health");
        await w.ReaderAsync(Frequency.Weekly, "climate");
        var energy = await w.PublishAsync("Energy news", Seven.AddHours(-3), "energy");
        var general = await w.PublishAsync("General news", Seven.AddHours(-2));

        var edition = (await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;

        Assert.Equal(3, edition.Variants.Count);
        var all = Assert.Single(edition.Variants, v => v.Topics.Count == 0);
        var energyVariant = Assert.Single(edition.Variants, v => v.Topics.SequenceEqual(["energy"]));
        var health = Assert.Single(edition.Variants, v => v.Topics.SequenceEqual(["health"]));
        Assert.Equal([energy, general], all.UpdateIds.Order());
        Assert.Equal(2, energyVariant.Readers);
        Assert.Equal([energy, general], energyVariant.UpdateIds.Order());
        Assert.Equal([general], health.UpdateIds);
        foreach (var variant in edition.Variants)
        {
            var rendering = await w.Editions.GetRenderingAsync(edition.Id, variant.Key, CancellationToken.None);
            Assert.NotNull(rendering);
            Assert.Contains("General news", rendering!.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VariantMatchingNoUpdate_IsSkipped()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily, "health");
        await w.PublishAsync("Energy news", Seven.AddHours(-3), "energy");

        var edition = (await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;

        var variant = Assert.Single(edition.Variants);
        Assert.True(variant.Skipped);
        Assert.Null(await w.Editions.GetRenderingAsync(edition.Id, variant.Key, CancellationToken.None));
    }

    [Fact]
    public async Task WithRequireApproval_AnEditionThatReachesSomeoneIsHeld_AndOneThatReachesNobodyIsNot()
    {
        var w = await CreateAsync();
        w.Digest.RequireApproval = true;
        await w.ReaderAsync(Frequency.Daily);
        await w.PublishAsync("News", Seven.AddHours(-2));

        var daily = (await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;
        var weekly = (await w.Composer().ComposeAsync(Frequency.Weekly, Seven, CancellationToken.None)).Edition;

        Assert.Equal(EditionApproval.Held, (await w.Editions.GetAsync(daily.Id, CancellationToken.None))!.Approval);
        Assert.Null(daily.Decision);
        Assert.Equal(EditionApproval.NotRequired, (await w.Editions.GetAsync(weekly.Id, CancellationToken.None))!.Approval);
    }

    [Fact]
    public async Task TwoDecisionsAtOnce_OnAHeldEdition_ExactlyOneWins_AndNothingDecidesItAgain()
    {
        var w = await CreateAsync();
        w.Digest.RequireApproval = true;
        await w.ReaderAsync(Frequency.Daily);
        await w.PublishAsync("News", Seven.AddHours(-2));
        var held = (await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;

        var won = await Task.WhenAll(
            w.Editions.TryDecideAsync(held.Id, EditionApproval.Approved, new EditionDecision("alice@example.org", Seven.AddMinutes(5)), CancellationToken.None),
            w.Editions.TryDecideAsync(held.Id, EditionApproval.Skipped, new EditionDecision("bob@example.org", Seven.AddMinutes(5)), CancellationToken.None));
        var later = await w.Editions.TryDecideAsync(held.Id, EditionApproval.Skipped, new EditionDecision("carol@example.org", Seven.AddMinutes(6)), CancellationToken.None);

        Assert.Single(won, r => r);
        Assert.False(later);
        var stored = (await w.Editions.GetAsync(held.Id, CancellationToken.None))!;
        Assert.Equal(won[0] ? (EditionApproval.Approved, "alice@example.org") : (EditionApproval.Skipped, "bob@example.org"), (stored.Approval, stored.Decision!.Actor));
        Assert.Equal(Seven.AddMinutes(5), stored.Decision.At);
    }

    [Fact]
    public async Task AnEditionNeverHeld_CannotBeDecided()
    {
        var w = await CreateAsync();
        await w.ReaderAsync(Frequency.Daily);
        await w.PublishAsync("News", Seven.AddHours(-2));
        var sent = (await w.Composer().ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;

        Assert.False(await w.Editions.TryDecideAsync(sent.Id, EditionApproval.Skipped, new EditionDecision("alice@example.org", Seven), CancellationToken.None));
        Assert.False(await w.Editions.TryDecideAsync("daily-20000101T0700", EditionApproval.Approved, new EditionDecision("alice@example.org", Seven), CancellationToken.None));
        Assert.Equal(EditionApproval.NotRequired, (await w.Editions.GetAsync(sent.Id, CancellationToken.None))!.Approval);
    }
}
