using Microsoft.Extensions.Logging;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Updates;

/// <summary>How an editor's action ended; the function classes map it to an HTTP status.</summary>
public enum ReviewOutcome
{
    /// <summary>The update has the requested status (now, or already before).</summary>
    Done,
    UnknownUpdate,

    /// <summary>The update is no longer pending review, so it cannot be approved or rejected.</summary>
    NotPending,
    ReasonRequired,
}

/// <summary>The outcome of an editor's action, the update as it now stands, and for a failure a stable error code with a message.</summary>
/// <remarks><see cref="Already"/>: done, but before this call (a retry, a second click), so nothing was changed now.</remarks>
public sealed record ReviewResult(ReviewOutcome Outcome, Update? Update = null, string? Error = null, string? Message = null, bool Already = false);

/// <summary>Editors approve or reject updates waiting for review; each change is recorded with time and actor.</summary>
/// <summary>Told of every status change an editor or member makes, and of an embargo's lift (the portal's notices listen here).</summary>
public interface IReviewObserver
{
    Task ChangedAsync(Update update, CancellationToken cancellationToken);

    /// <summary>An editor took the update back (published, or before publication); <paramref name="note"/> is theirs.</summary>
    Task WithdrawnAsync(Update update, string note, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An editor corrected the published update; <paramref name="eventId"/> is the same for every retry of this correction.</summary>
    Task CorrectedAsync(Update update, IReadOnlyList<Editorial.FieldChange> changes, string eventId, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed partial class ReviewService(IUpdateStore updates, TimeProvider time, ILogger<ReviewService> logger, IEnumerable<IReviewObserver>? observers = null,
    Media.MediaLibrary? media = null)
{
    public Task<IReadOnlyList<Update>> ListAsync(UpdateStatus? status, CancellationToken cancellationToken) =>
        updates.ListAsync(status, 200, cancellationToken);

    public Task<ReviewResult> ApproveAsync(string updateId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(updateId, UpdateStatus.Published, actor, null, cancellationToken);

    public Task<ReviewResult> RejectAsync(string updateId, string actor, string? reason, CancellationToken cancellationToken)
    {
        var why = TextCleaner.SingleLine(reason, 500);
        return why.Length == 0
            ? Task.FromResult(new ReviewResult(ReviewOutcome.ReasonRequired, Error: "reason_required", Message: "Say why the update is rejected: {\"reason\": \"...\"}."))
            : ChangeAsync(updateId, UpdateStatus.Rejected, actor, why, cancellationToken);
    }

    /// <summary>The member takes back an update still waiting for review; recorded like an editor's change.</summary>
    public Task<ReviewResult> WithdrawAsync(string updateId, string actor, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(updateId, UpdateStatus.Withdrawn, actor, TextCleaner.SingleLine(reason, 500), cancellationToken);

    private async Task<ReviewResult> ChangeAsync(string updateId, UpdateStatus to, string actor, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var update = await updates.GetAsync(updateId, cancellationToken);
            if (update is null)
            {
                return new ReviewResult(ReviewOutcome.UnknownUpdate, Error: "unknown_update", Message: $"There is no update '{TextCleaner.SingleLine(updateId, 40)}'.");
            }

            var now = time.GetUtcNow();
            if (update.Status == to || (to == UpdateStatus.Published && update.Status == UpdateStatus.Scheduled))
            {
                return new ReviewResult(ReviewOutcome.Done, update, Already: true);
            }

            if (update.Status != UpdateStatus.PendingReview)
            {
                return new ReviewResult(ReviewOutcome.NotPending, update, "not_pending",
                    $"The update is {UpdateStatuses.Name(update.Status)}; only updates pending review can be approved, rejected or withdrawn.");
            }

            // Approved under an embargo that has not lifted: it waits, and the lift publishes it.
            var target = to == UpdateStatus.Published && update.Embargo > now ? UpdateStatus.Scheduled : to;
            var changed = update with
            {
                Status = target,
                PublishedAt = target == UpdateStatus.Published ? now : update.PublishedAt,
                History = [.. update.History, new StatusChange(now, actor, UpdateStatuses.Name(update.Status), UpdateStatuses.Name(target), reason)],
            };
            try
            {
                await updates.SaveAsync(changed, cancellationToken);
                LogChanged(updateId, UpdateStatuses.Name(target), actor);
                if (media is not null)
                {
                    await media.WithdrawnAsync(changed, cancellationToken);
                }

                foreach (var observer in observers ?? [])
                {
                    await observer.ChangedAsync(changed, cancellationToken);
                }

                return new ReviewResult(ReviewOutcome.Done, changed);
            }
            catch (ConflictException) when (attempt < 3)
            {
                // Someone else changed it meanwhile: read again and decide again.
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Update {UpdateId} is now {Status} (by {Actor})")]
    private partial void LogChanged(string updateId, string status, string actor);
}
