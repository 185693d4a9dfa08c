using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editions;

/// <summary>One variant of the next edition: the readers holding this topic set, and the updates they would get.</summary>
public sealed record PlannedVariant(string Key, IReadOnlyList<string> Topics, int Readers, IReadOnlyList<string> UpdateIds);

/// <summary>The next edition of a frequency as it would be composed now.</summary>
public sealed record NextEdition(Frequency Frequency, DateTimeOffset WindowStart, DateTimeOffset Now, IReadOnlyList<EditionItem> Items, IReadOnlyList<PlannedVariant> Variants)
{
    public int Recipients => Variants.Where(v => v.UpdateIds.Count > 0).Sum(v => v.Readers);
}

/// <summary>One variant of a dry run: its readers and updates, and the subject they would get (null when it sends nothing).</summary>
public sealed record DryRunVariant(PlannedVariant Planned, string? Subject);

/// <summary>
/// What composing the edition of this moment would do, found without storing or sending anything: the edition it would be
/// (or the one this minute already has), whether it would be held for approval, its updates and its variants.
/// </summary>
public sealed record DryRun(string EditionId, Edition? Existing, bool WouldBeHeld, NextEdition Plan, IReadOnlyList<DryRunVariant> Variants)
{
    public int Recipients => Plan.Recipients;
}

/// <summary>What the next edition would hold now for one topic set, and how it renders: nothing stored or sent.</summary>
public sealed record EditionPreview(EditionContent Content, RenderedEdition Rendering);

/// <summary>The outcome of a compose request: the edition, and whether this call created it.</summary>
public sealed record ComposeOutcome(Edition Edition, bool Created);

/// <summary>
/// Composes the edition of one (frequency, slot): the updates published since the previous edition of
/// that frequency, grouped into one variant per distinct topic set among its active readers, each
/// rendered once. Composing the same slot again (a double fire, a second instance) returns the edition
/// made first; a missed run is caught up by the next one, whose window starts where the last edition ended.
/// With <c>Digest:RequireApproval</c> an edition with something to send is composed held, for an editor to
/// approve or skip; a skipped edition's window is taken over by the next one, so its updates go out there.
/// </summary>
public sealed partial class EditionComposer(
    IEditionStore editions,
    IUpdateStore updates,
    EmbargoService embargoes,
    IReaderStore readers,
    EditionRenderer renderer,
    TimeProvider time,
    ILogger<EditionComposer> logger,
    IOptions<DigestOptions> digest)
{
    public const string AllTopicsKey = "all";

    public async Task<ComposeOutcome> ComposeAsync(Frequency frequency, DateTimeOffset firedAt, CancellationToken cancellationToken)
    {
        // The slot names the edition; the cutoff is the moment of composing, so nothing published just
        // before it waits a whole period, and the next edition starts exactly there.
        var slot = SlotOf(firedAt);
        var cutoff = firedAt;
        var id = Edition.IdFor(frequency, slot);
        var attempt = Guid.NewGuid().ToString("N")[..12];
        if (await editions.GetAsync(id, cancellationToken) is { } existing)
        {
            return new ComposeOutcome(existing, false);
        }

        // An embargo that lifted before the cutoff is published now, as of its lift, so this edition holds it
        // even when the lifting timer has not run yet; one lifting later waits for the next edition.
        await embargoes.PublishDueAsync(cancellationToken);
        var (windowStart, items) = await WindowAsync(frequency, slot, cutoff, id, cancellationToken);

        Edition edition;
        if (items.Length == 0)
        {
            edition = new Edition
            {
                Id = id, Frequency = frequency, ScheduledFor = slot, WindowStart = windowStart, Cutoff = cutoff,
                CreatedAt = time.GetUtcNow(), Status = EditionStatus.Empty, Attempt = attempt,
                Reason = $"No update was published between {windowStart:u} and {cutoff:u}; nothing is sent.",
            };
        }
        else
        {
            var variants = new List<EditionVariant>();
            foreach (var (topics, count) in await TopicSetsAsync(frequency, cancellationToken))
            {
                var matching = items.Where(i => Matches(topics, i.Topics)).ToArray();
                var key = VariantKey(topics);
                var content = new EditionContent(id, Edition.FrequencyName(frequency), slot, topics, matching);
                if (matching.Length > 0)
                {
                    // Rendered before the edition exists: once it does, every rendering it names is there.
                    var rendering = await renderer.RenderAsync(content, cancellationToken);
                    await editions.SaveRenderingAsync(id, attempt, key, rendering, cancellationToken);
                }

                variants.Add(new EditionVariant(key, topics, matching.Select(m => m.UpdateId).ToArray(), count, renderer.Subject(content)));
            }

            // Only an edition that would reach someone waits for an editor; one that reaches nobody has nothing to approve.
            var held = digest.Value.RequireApproval && variants.Any(v => !v.Skipped);
            edition = new Edition
            {
                Id = id, Frequency = frequency, ScheduledFor = slot, WindowStart = windowStart, Cutoff = cutoff,
                CreatedAt = time.GetUtcNow(), Status = EditionStatus.Composed, Items = items, Variants = variants, Attempt = attempt,
                Approval = held ? EditionApproval.Held : EditionApproval.NotRequired,
                Reason = variants.Count == 0 ? $"No active {Edition.FrequencyName(frequency)} reader yet; nothing is sent." : null,
            };
        }

        if (!await editions.TryCreateAsync(edition, cancellationToken))
        {
            return new ComposeOutcome((await editions.GetAsync(id, cancellationToken))!, false);
        }

        LogComposed(id, edition.Approval == EditionApproval.Held ? "held for approval" : edition.Status.ToString(), items.Length, edition.Variants.Count);
        return new ComposeOutcome(edition, true);
    }

    /// <summary>
    /// Renders what the next edition would hold now, for the given topics, without storing or sending
    /// anything: what an editor previews.
    /// </summary>
    public async Task<EditionPreview> PreviewAsync(Frequency frequency, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (_, items) = await WindowAsync(frequency, now, now, null, cancellationToken);
        var normalized = NormalizeTopics(topics);
        var content = new EditionContent($"{Edition.FrequencyName(frequency)}-preview", Edition.FrequencyName(frequency), now, normalized,
            items.Where(i => Matches(normalized, i.Topics)).ToArray(), HasWebCopy: false);
        return new EditionPreview(content, await renderer.RenderAsync(content, cancellationToken));
    }

    /// <summary>
    /// The next edition of the frequency as it stands now, without rendering, storing or sending anything: its
    /// window, its updates, and each variant (topic set of the active readers) with its readers and updates.
    /// </summary>
    public async Task<NextEdition> PlanAsync(Frequency frequency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (windowStart, items) = await WindowAsync(frequency, now, now, null, cancellationToken);
        var variants = (await TopicSetsAsync(frequency, cancellationToken))
            .Select(set => new PlannedVariant(VariantKey(set.Topics), set.Topics, set.Readers,
                items.Where(i => Matches(set.Topics, i.Topics)).Select(i => i.UpdateId).ToArray()))
            .ToArray();
        return new NextEdition(frequency, windowStart, now, items, variants);
    }

    /// <summary>
    /// Composes the edition of this moment as <see cref="ComposeAsync"/> would, rendering each variant (so a broken
    /// template shows), but stores nothing, publishes no lifted embargo, decides no held edition and sends nothing.
    /// </summary>
    public async Task<DryRun> DryRunAsync(Frequency frequency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var slot = SlotOf(now);
        var id = Edition.IdFor(frequency, slot);
        var existing = await editions.GetAsync(id, cancellationToken);
        var (windowStart, items) = await WindowAsync(frequency, slot, now, id, cancellationToken, write: false);
        var variants = new List<DryRunVariant>();
        foreach (var (topics, count) in await TopicSetsAsync(frequency, cancellationToken))
        {
            var matching = items.Where(i => Matches(topics, i.Topics)).ToArray();
            var planned = new PlannedVariant(VariantKey(topics), topics, count, matching.Select(i => i.UpdateId).ToArray());
            string? subject = null;
            if (matching.Length > 0)
            {
                subject = (await renderer.RenderAsync(new EditionContent(id, Edition.FrequencyName(frequency), slot, topics, matching), cancellationToken)).Subject;
            }

            variants.Add(new DryRunVariant(planned, subject));
        }

        var plan = new NextEdition(frequency, windowStart, now, items, variants.Select(v => v.Planned).ToArray());
        return new DryRun(id, existing, digest.Value.RequireApproval && plan.Recipients > 0, plan, variants);
    }

    /// <summary>Topics as variants compare them: trimmed, lower-case, distinct, in ordinal order.</summary>
    public static IReadOnlyList<string> NormalizeTopics(IEnumerable<string> topics) =>
        topics.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The window of the edition at <paramref name="slot"/>: from the previous edition's cutoff (or a day or week back); from
    /// where a skipped previous edition started, so its updates are not lost. Composing edition <paramref name="composing"/>
    /// skips a previous one still held: readers get one edition with both windows' updates, never two at once.
    /// </summary>
    private async Task<(DateTimeOffset Start, EditionItem[] Items)> WindowAsync(
        Frequency frequency, DateTimeOffset slot, DateTimeOffset cutoff, string? composing, CancellationToken cancellationToken, bool write = true)
    {
        var previous = await editions.LatestAsync(frequency, slot, cancellationToken);
        if (composing is not null && !write && previous is { Approval: EditionApproval.Held })
        {
            // A dry run: composing would skip it, so its window is taken over; nothing is written.
            previous = previous with { Approval = EditionApproval.Skipped };
        }
        else if (composing is not null && previous is { Approval: EditionApproval.Held })
        {
            var decision = new EditionDecision("timer", time.GetUtcNow(), $"Still held when {composing} was composed; its updates went into that edition.");
            if (await editions.TryDecideAsync(previous.Id, EditionApproval.Skipped, decision, cancellationToken))
            {
                LogSuperseded(previous.Id, composing);
            }

            // Skipped now, by this call or another instance's; or approved by an editor a moment before, which stands.
            previous = await editions.GetAsync(previous.Id, cancellationToken) ?? previous;
        }

        var windowStart = previous is null ? cutoff - (frequency == Frequency.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7))
            : previous.Approval == EditionApproval.Skipped ? previous.WindowStart
            : previous.Cutoff;
        var published = await updates.ListPublishedAsync(windowStart, cutoff, cancellationToken);
        var items = published
            .Where(u => !u.Imported && u.IsPublicAt(cutoff))
            .OrderByDescending(u => u.Date).ThenBy(u => u.PublishedAt)
            .Select(u => new EditionItem(u.Id, u.Title, u.Organisation, u.Date, u.Summary, u.Topics, EditionImage.Of(u)))
            .ToArray();
        return (windowStart, items);
    }

    /// <summary>
    /// The slot a timer fire belongs to: the nearest whole minute, so two instances firing a moment
    /// apart around 07:00 (06:59:59.9 and 07:00:00.2) compose the same edition.
    /// </summary>
    public static DateTimeOffset SlotOf(DateTimeOffset firedAt)
    {
        var ticks = firedAt.UtcDateTime.Ticks + (TimeSpan.TicksPerMinute / 2);
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    /// <summary>A reader with no topic choice gets everything; an update with no topic goes to everyone.</summary>
    public static bool Matches(IReadOnlyList<string> readerTopics, IReadOnlyList<string> updateTopics) =>
        readerTopics.Count == 0 || updateTopics.Count == 0
        || updateTopics.Any(t => readerTopics.Contains(t, StringComparer.OrdinalIgnoreCase));

    public static string VariantKey(IReadOnlyList<string> topics) =>
        topics.Count == 0
            ? AllTopicsKey
            : "t" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', topics))))[..12];

    /// <summary>The distinct topic sets of the mailable readers of the frequency, and how many readers hold each.</summary>
    private async Task<List<(IReadOnlyList<string> Topics, int Readers)>> TopicSetsAsync(Frequency frequency, CancellationToken cancellationToken)
    {
        var sets = new Dictionary<string, (IReadOnlyList<string> Topics, int Readers)>(StringComparer.Ordinal);
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await foreach (var reader in readers.ListBucketAsync(bucket, cancellationToken))
            {
                if (!reader.IsMailable || reader.Frequency != frequency)
                {
                    continue;
                }

                var topics = NormalizeTopics(reader.Topics);
                var key = string.Join('\n', topics);
                sets[key] = sets.TryGetValue(key, out var known) ? (known.Topics, known.Readers + 1) : (topics, 1);
            }
        }

        return sets.Values.OrderBy(s => s.Topics.Count).ThenBy(s => string.Join(',', s.Topics), StringComparer.Ordinal).ToList();
    }

    [LoggerMessage(LogLevel.Information, "Edition {EditionId} was still held for approval: skipped by {Next}, which takes its updates")]
    private partial void LogSuperseded(string editionId, string next);

    [LoggerMessage(LogLevel.Information, "Composed edition {EditionId}: {Status}, {Updates} updates, {Variants} variants")]
    private partial void LogComposed(string editionId, string status, int updates, int variants);
}
