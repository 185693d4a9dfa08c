using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editorial;

/// <summary>One day of the readers' chart: signups, confirmations and unsubscribes that day (UTC).</summary>
public sealed record ReaderDay(DateOnly Day, int Signups, int Confirmations, int Unsubscribes);

/// <summary>The readers page's top: readers by state, and the last days' moves.</summary>
public sealed record ReadersOverview(IReadOnlyDictionary<ReaderState, int> Counts, IReadOnlyList<ReaderDay> Days)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>One page of readers, bucket by bucket; <see cref="Next"/> continues it.</summary>
public sealed record ReaderList(IReadOnlyList<Reader> Readers, ReaderPosition? Next);

/// <summary>Where a reader list continues: a reader bucket and how many of its (matching) readers were shown.</summary>
public readonly record struct ReaderPosition(int Bucket, int Skip)
{
    public override string ToString() => $"{Bucket}.{Skip}";

    public static ReaderPosition Parse(string? text) =>
        text?.Split('.') is [var b, var s] && int.TryParse(b, out var bucket) && int.TryParse(s, out var skip)
        && bucket is >= 0 and < ReaderIdentity.Buckets && skip >= 0
            ? new ReaderPosition(bucket, skip)
            : new ReaderPosition(0, 0);
}

/// <summary>How an editor's action on a reader ended.</summary>
public enum ReaderActionOutcome
{
    Done,
    UnknownReader,

    /// <summary>The reader's state does not allow it (resend to a reader not pending, unsubscribe one already off, erase one erased).</summary>
    NotAllowed,

    /// <summary>The hour's confirmation mails for the address are spent (<c>Subscriptions:ConfirmationMailsPerHour</c>).</summary>
    Limited,
}

/// <summary>
/// What the console's readers pages read and do: counts and the last 90 days, a list page by page, a reader by its
/// exact address (through the address hash), and an editor's resend of the confirmation, unsubscribe and erase,
/// each recorded in the audit log under the reader's id (never the address: an erased reader leaves no address there).
/// </summary>
public sealed class ReaderDesk(
    IReaderStore store,
    ReaderUpdates readers,
    ReaderIdentity identity,
    IMailJobPublisher mails,
    IReaderCopies copies,
    IAuditLog audit,
    IOptions<SubscriptionOptions> options,
    TimeProvider time)
{
    public const int ChartDays = 90;
    public const int PageSize = 50;

    /// <summary>Readers by state and the last <see cref="ChartDays"/> days' moves, read from every bucket.</summary>
    public async Task<ReadersOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - ChartDays);
        var counts = Enum.GetValues<ReaderState>().ToDictionary(s => s, _ => 0);
        var signups = new int[ChartDays];
        var confirmations = new int[ChartDays];
        var unsubscribes = new int[ChartDays];
        await foreach (var reader in AllAsync(cancellationToken))
        {
            counts[reader.State]++;
            foreach (var change in reader.History)
            {
                var index = DateOnly.FromDateTime(change.At.UtcDateTime).DayNumber - first.DayNumber;
                if (index is < 0 or >= ChartDays)
                {
                    continue;
                }

                switch (change.To)
                {
                    case ReaderState.Pending: signups[index]++; break;
                    case ReaderState.Active: confirmations[index]++; break;
                    case ReaderState.Unsubscribed: unsubscribes[index]++; break;
                }
            }
        }

        var days = Enumerable.Range(0, ChartDays).Select(i => new ReaderDay(first.AddDays(i), signups[i], confirmations[i], unsubscribes[i])).ToArray();
        return new ReadersOverview(counts, days);
    }

    /// <summary>Up to <see cref="PageSize"/> readers (of one state, if given) from <paramref name="from"/> on.</summary>
    public async Task<ReaderList> ListAsync(ReaderState? state, ReaderPosition from, CancellationToken cancellationToken)
    {
        var page = new List<Reader>();
        for (var bucket = from.Bucket; bucket < ReaderIdentity.Buckets; bucket++)
        {
            var skip = bucket == from.Bucket ? from.Skip : 0;
            var seen = 0;
            await foreach (var reader in store.ListBucketAsync(bucket, cancellationToken))
            {
                if (state is { } only && reader.State != only)
                {
                    continue;
                }

                if (seen++ < skip)
                {
                    continue;
                }

                if (page.Count == PageSize)
                {
                    return new ReaderList(page, new ReaderPosition(bucket, seen - 1));
                }

                page.Add(reader);
            }
        }

        return new ReaderList(page, null);
    }

    /// <summary>The reader of exactly this address, if the address is one and a reader has it (or had it, if erased).</summary>
    public async Task<Reader?> FindAsync(string? address, CancellationToken cancellationToken) =>
        EmailAddress.TryParse(address, out var parsed, out _) && parsed is not null
            ? await readers.GetAsync(identity.For(parsed), cancellationToken)
            : null;

    public Task<Reader?> GetAsync(string readerId, CancellationToken cancellationToken) =>
        ReaderKey.TryParse(readerId, out var key) ? readers.GetAsync(key, cancellationToken) : Task.FromResult<Reader?>(null);

    /// <summary>A new confirmation mail to a pending reader, within the same hourly limit as the signup form's.</summary>
    public Task<ReaderActionOutcome> ResendConfirmationAsync(string readerId, string actor, CancellationToken cancellationToken) =>
        ActAsync(readerId, actor, AuditActions.ReaderResent, "Resent the confirmation mail", (reader, now) =>
            reader.State != ReaderState.Pending || reader.Address is null ? ReaderActionOutcome.NotAllowed
            : reader.TryCountConfirmationMail(now, options.Value.ConfirmationMailsPerHour) ? ReaderActionOutcome.Done
            : ReaderActionOutcome.Limited,
            key => mails.EnqueueAsync(new MailJob(MailKind.Confirm, key.Id, time.GetUtcNow()), cancellationToken), cancellationToken);

    /// <summary>Unsubscribes a pending or active reader at once, as their own link would.</summary>
    public Task<ReaderActionOutcome> UnsubscribeAsync(string readerId, string actor, CancellationToken cancellationToken) =>
        ActAsync(readerId, actor, AuditActions.ReaderUnsubscribed, "Unsubscribed the reader", (reader, now) =>
            reader.Unsubscribe(now, "unsubscribed by an editor") ? ReaderActionOutcome.Done : ReaderActionOutcome.NotAllowed,
            null, cancellationToken);

    /// <summary>
    /// Erases the reader's personal data, every copy included; only the salted hash and the dated moves remain. The copies
    /// go after the row: should that fail, erasing again (the reader is erased already, so not allowed) still finishes them.
    /// </summary>
    public async Task<ReaderActionOutcome> EraseAsync(string readerId, string actor, CancellationToken cancellationToken)
    {
        var outcome = await ActAsync(readerId, actor, AuditActions.ReaderErased, "Erased the reader's personal data", (reader, now) =>
            reader.Erase(now, "erased by an editor") ? ReaderActionOutcome.Done : ReaderActionOutcome.NotAllowed,
            key => copies.ForgetAsync(key, cancellationToken), cancellationToken);
        if (outcome == ReaderActionOutcome.NotAllowed && ReaderKey.TryParse(readerId, out var key)
            && (await readers.GetAsync(key, cancellationToken))?.State == ReaderState.Erased)
        {
            await copies.ForgetAsync(key, cancellationToken);
        }

        return outcome;
    }

    private async Task<ReaderActionOutcome> ActAsync(
        string readerId, string actor, string action, string summary, Func<Reader, DateTimeOffset, ReaderActionOutcome> decide,
        Func<ReaderKey, Task>? after, CancellationToken cancellationToken)
    {
        if (!ReaderKey.TryParse(readerId, out var key))
        {
            return ReaderActionOutcome.UnknownReader;
        }

        var now = time.GetUtcNow();
        ReaderState? before = null;
        var outcome = await readers.UpdateAsync(key, reader =>
        {
            if (reader is null)
            {
                return (null, ReaderActionOutcome.UnknownReader);
            }

            before = reader.State;
            var decided = decide(reader, now);
            return (decided == ReaderActionOutcome.Done ? reader : null, decided);
        }, cancellationToken);
        if (outcome != ReaderActionOutcome.Done)
        {
            return outcome;
        }

        // The action is recorded as soon as it is done, before what follows it (a mail queued, copies forgotten) can fail.
        var reread = await readers.GetAsync(key, cancellationToken);
        var changes = reread is not null && reread.State != before ? [new FieldChange("state", Label(before!.Value), Label(reread.State))] : Array.Empty<FieldChange>();
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(action, key.Id, actor, now.ToString("O")), now, actor, action, key.Id, summary, changes), cancellationToken);
        if (after is not null)
        {
            await after(key);
        }

        return outcome;
    }

    public static string Label(ReaderState state) => state.ToString().ToLowerInvariant();

    private async IAsyncEnumerable<Reader> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await foreach (var reader in store.ListBucketAsync(bucket, cancellationToken))
            {
                yield return reader;
            }
        }
    }
}
