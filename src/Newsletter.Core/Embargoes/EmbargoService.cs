using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Embargoes;

/// <summary>How a change of an embargo ended; the callers map it to an HTTP status.</summary>
public enum EmbargoOutcome
{
    Done,

    /// <summary>No such update, or (for a member) not one of theirs: the same answer, so ids of others reveal nothing.</summary>
    UnknownUpdate,

    /// <summary>The update's status does not allow the change (a member acts only while it is scheduled).</summary>
    NotAllowed,

    /// <summary>The new embargo cannot be used (<see cref="EmbargoResult.Error"/> says why).</summary>
    InvalidEmbargo,
}

/// <summary>The outcome, the update as it now stands, and for a failure a stable code with a message.</summary>
public sealed record EmbargoResult(EmbargoOutcome Outcome, Update? Update = null, string? Error = null, string? Message = null)
{
    /// <summary>True when this call wrote the change (false: refused, or it was already so).</summary>
    public bool Changed { get; init; }
}

/// <summary>Who changes an embargo: an editor (any member's updates), or a contact acting for their member.</summary>
public sealed record EmbargoActor(string Name, string? MemberId)
{
    public static EmbargoActor Editor(string name) => new(name, null);

    public static EmbargoActor ForMember(string name, string memberId) => new(name, memberId);

    public bool IsEditor => MemberId is null;
}

/// <summary>
/// Embargoes after ingestion: publishes scheduled updates when their embargo lifts (<see cref="PublishDueAsync"/>, run by a
/// timer and before every edition), and lets a member (while scheduled) or an editor (also while pending review) move,
/// lift or withdraw it, each change recorded in the update's history with who and when. Every write is conditional on
/// the version read, so two instances never publish one update twice.
/// </summary>
public sealed partial class EmbargoService(IUpdateStore updates, IOptions<AppOptions> app, TimeProvider time, ILogger<EmbargoService> logger,
    Media.MediaLibrary? media = null, IEnumerable<IReviewObserver>? observers = null)
{
    public const string SystemActor = "system";

    /// <summary>Publishes every scheduled update whose embargo has lifted, with <c>PublishedAt</c> = the lift. Returns how many this call published.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = 0;
        foreach (var due in await updates.ListDueAsync(now, cancellationToken))
        {
            var result = await ChangeAsync(due, due.Id, EmbargoActor.Editor(SystemActor), update =>
                update is { Status: UpdateStatus.Scheduled, Embargo: { } lift } && lift <= now
                    ? Published(update, lift, SystemActor, $"embargo lifted at {lift:yyyy-MM-dd HH:mm} UTC")
                    : null, cancellationToken);
            if (result is { Changed: true, Update: { } done })
            {
                published++;
                LogLifted(done.Id, done.PublishedAt!.Value);
            }
        }

        return published;
    }

    /// <summary>Moves the embargo to a moment given as text (ISO 8601, or a local time in <c>App:TimeZone</c>).</summary>
    public Task<EmbargoResult> MoveAsync(string updateId, string embargo, EmbargoActor actor, CancellationToken cancellationToken)
    {
        var reading = EmbargoText.Read(embargo, app.Value.Zone);
        return reading is { Kind: EmbargoKind.At, At: { } at }
            ? MoveAsync(updateId, at, actor, cancellationToken)
            : Task.FromResult(Invalid(EmbargoRules.FromReading(reading, "The embargo", time.GetUtcNow()).Rejection
                ?? new Rejection(RejectionCodes.InvalidEmbargo, "Give the new embargo; to publish now, lift it.")));
    }

    /// <summary>Moves the embargo; a moment already past lifts it now.</summary>
    public async Task<EmbargoResult> MoveAsync(string updateId, DateTimeOffset embargo, EmbargoActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var check = EmbargoRules.Check(embargo, now);
        if (check.Rejection is { } refused)
        {
            return Invalid(refused);
        }

        return await ChangeAsync(null, updateId, actor, update =>
        {
            if (Refusal(update, actor) is { } no)
            {
                return no;
            }

            var was = update.Embargo is { } old ? $"{old:yyyy-MM-dd HH:mm} UTC" : "none";
            if (check.Embargo is not { } lift)
            {
                return update.Status == UpdateStatus.Scheduled
                    ? Published(update, now, actor.Name, $"embargo moved from {was} to a past moment; published now")
                    : Recorded(update, null, actor.Name, $"embargo removed (was {was})");
            }

            return Recorded(update, lift, actor.Name, $"embargo moved from {was} to {lift:yyyy-MM-dd HH:mm} UTC");
        }, cancellationToken);
    }

    /// <summary>Lifts the embargo now: a scheduled update is published at once; one pending review keeps waiting for its review, without embargo.</summary>
    public Task<EmbargoResult> LiftAsync(string updateId, EmbargoActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ChangeAsync(null, updateId, actor, update =>
            (object?)Refusal(update, actor) ?? (update.Status == UpdateStatus.Scheduled
                ? Published(update, now, actor.Name, "embargo lifted early")
                : Recorded(update, null, actor.Name, "embargo lifted")), cancellationToken);
    }

    /// <summary>Withdraws the update before it is published: it never will be.</summary>
    public Task<EmbargoResult> WithdrawAsync(string updateId, EmbargoActor actor, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var why = TextCleaner.SingleLine(reason, 500) is { Length: > 0 } given ? given : "withdrawn before publication";
        return ChangeAsync(null, updateId, actor, update => (object?)Refusal(update, actor) ?? (update with
        {
            Status = UpdateStatus.Withdrawn,
            History = [.. update.History, new StatusChange(now, actor.Name, UpdateStatuses.Name(update.Status), UpdateStatuses.Name(UpdateStatus.Withdrawn), why)],
        }), cancellationToken);
    }

    /// <summary>
    /// Updates still pending review whose embargo lifts within <paramref name="within"/> (or has lifted): editors are
    /// shown these first, since the release was meant to be public by then. Soonest first.
    /// </summary>
    public async Task<IReadOnlyList<Update>> PendingLiftsAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var horizon = time.GetUtcNow() + within;
        var pending = await updates.ListAsync(UpdateStatus.PendingReview, 1000, cancellationToken);
        return pending.Where(u => u.Embargo <= horizon).OrderBy(u => u.Embargo).ToArray();
    }

    /// <summary>Scheduled updates, soonest lift first; of one member when <paramref name="memberId"/> is set.</summary>
    public async Task<IReadOnlyList<Update>> ScheduledAsync(string? memberId, CancellationToken cancellationToken)
    {
        var scheduled = await updates.ListAsync(UpdateStatus.Scheduled, 1000, cancellationToken);
        return scheduled.Where(u => memberId is null || u.MemberId == memberId).OrderBy(u => u.Embargo).ToArray();
    }

    private static EmbargoResult? Refusal(Update update, EmbargoActor actor)
    {
        if (!actor.IsEditor && update.Status != UpdateStatus.Scheduled)
        {
            return new EmbargoResult(EmbargoOutcome.NotAllowed, update, "not_scheduled",
                $"The update is {UpdateStatuses.Name(update.Status)}; a member changes its embargo only while it is scheduled.");
        }

        return update.Status is UpdateStatus.Scheduled or UpdateStatus.PendingReview
            ? null
            : new EmbargoResult(EmbargoOutcome.NotAllowed, update, "not_embargoable",
                $"The update is {UpdateStatuses.Name(update.Status)}; only scheduled updates and those pending review have an embargo to change.");
    }

    /// <summary>Published as of <paramref name="at"/>, which is when the embargo lifted (early, on time or moved into the past).</summary>
    private Update Published(Update update, DateTimeOffset at, string actor, string reason) => update with
    {
        Status = UpdateStatus.Published,
        PublishedAt = at,
        Embargo = at,
        History = [.. update.History, new StatusChange(time.GetUtcNow(), actor, UpdateStatuses.Name(update.Status), UpdateStatuses.Name(UpdateStatus.Published), reason)],
    };

    private Update Recorded(Update update, DateTimeOffset? embargo, string actor, string reason) => update with
    {
        Embargo = embargo,
        History = [.. update.History, new StatusChange(time.GetUtcNow(), actor, UpdateStatuses.Name(update.Status), UpdateStatuses.Name(update.Status), reason)],
    };

    private static EmbargoResult Invalid(Rejection rejection) =>
        new(EmbargoOutcome.InvalidEmbargo, Error: rejection.Code.Replace('-', '_'), Message: rejection.Message);

    /// <summary>
    /// Reads (or takes <paramref name="known"/>), decides, writes conditionally on the version read; on a conflict reads
    /// again and decides again. <paramref name="decide"/> returns the changed update, a refusal, or null for "nothing to do".
    /// </summary>
    private async Task<EmbargoResult> ChangeAsync(Update? known, string updateId, EmbargoActor actor, Func<Update, object?> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var update = known ?? await updates.GetAsync(updateId, cancellationToken);
            known = null;
            if (update is null || (!actor.IsEditor && update.MemberId != actor.MemberId))
            {
                return new EmbargoResult(EmbargoOutcome.UnknownUpdate, Error: "unknown_update", Message: $"There is no update '{TextCleaner.SingleLine(updateId, 40)}'.");
            }

            switch (decide(update))
            {
                case EmbargoResult refusal:
                    return refusal;
                case Update changed:
                    try
                    {
                        await updates.SaveAsync(changed, cancellationToken);
                        LogChanged(changed.Id, UpdateStatuses.Name(changed.Status), changed.History[^1].Reason ?? string.Empty, actor.Name);
                        if (media is not null)
                        {
                            await media.WithdrawnAsync(changed, cancellationToken);
                        }

                        await TellAsync(update, changed, actor, cancellationToken);
                        return new EmbargoResult(EmbargoOutcome.Done, changed) { Changed = true };
                    }
                    catch (ConflictException) when (attempt < 5)
                    {
                        // Another instance (or person) changed it meanwhile: read again and decide again.
                        continue;
                    }

                default:
                    return new EmbargoResult(EmbargoOutcome.Done, update);
            }
        }
    }

    /// <summary>A lift (by the timer or a person) publishes; an editor's withdrawal is theirs to explain. A member's own withdrawal tells nobody.</summary>
    private async Task TellAsync(Update before, Update after, EmbargoActor actor, CancellationToken cancellationToken)
    {
        foreach (var observer in observers ?? [])
        {
            if (after.Status == UpdateStatus.Published && before.Status != UpdateStatus.Published)
            {
                await observer.ChangedAsync(after, cancellationToken);
            }
            else if (after.Status == UpdateStatus.Withdrawn && actor.IsEditor)
            {
                await observer.WithdrawnAsync(after, after.History[^1].Reason ?? string.Empty, cancellationToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Embargo of {UpdateId} lifted; published as of {PublishedAt}")]
    private partial void LogLifted(string updateId, DateTimeOffset publishedAt);

    [LoggerMessage(LogLevel.Information, "Update {UpdateId} is {Status}: {Change} (by {Actor})")]
    private partial void LogChanged(string updateId, string status, string change, string actor);
}
