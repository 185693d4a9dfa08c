using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editorial;

/// <summary>How an editorial action ended; the console maps it to a page and a status.</summary>
public enum EditorialOutcome
{
    Done,

    /// <summary>The form changed nothing: nothing is saved or recorded.</summary>
    Unchanged,
    UnknownUpdate,

    /// <summary>The update's status does not allow the action (e.g. correcting one not yet published).</summary>
    WrongStatus,

    /// <summary>The form has problems, by field; nothing was changed.</summary>
    Invalid,
}

/// <summary>The outcome of an editorial action and the update as it now stands.</summary>
public sealed record EditorialResult(EditorialOutcome Outcome, Update? Update = null, string? Message = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();
}

/// <summary>
/// What editors do to updates in the console: edit before approving, approve, reject, withdraw and
/// correct once published. Every action that changes something is recorded in the audit log with who,
/// when and the fields it changed (an edit's record keeps the text before it: the revision).
/// </summary>
public sealed partial class EditorialService(
    IUpdateStore updates,
    ReviewService review,
    IAuditLog audit,
    ChangeRequests requests,
    IOptions<SubscriptionOptions> subscriptions,
    TimeProvider time,
    ILogger<EditorialService> logger,
    Media.MediaLibrary? media = null,
    IEnumerable<IReviewObserver>? observers = null)
{
    public const int MaxNote = 500;

    /// <summary>The topics an editor may give an update: the ones readers can choose.</summary>
    public IReadOnlyList<string> Topics => subscriptions.Value.TopicList;

    /// <summary>Changes title, summary, organisation or topics of an update still waiting for review.</summary>
    public Task<EditorialResult> EditAsync(string updateId, string actor, UpdateEdit edit, CancellationToken cancellationToken) =>
        ChangeFieldsAsync(updateId, actor, edit, UpdateStatus.PendingReview, AuditActions.UpdateEdited, cancellationToken);

    /// <summary>Corrects a published update: its page and the archived editions show the new text and when it was corrected.</summary>
    public Task<EditorialResult> CorrectAsync(string updateId, string actor, UpdateEdit edit, CancellationToken cancellationToken) =>
        ChangeFieldsAsync(updateId, actor, edit, UpdateStatus.Published, AuditActions.UpdateCorrected, cancellationToken);

    public async Task<EditorialResult> ApproveAsync(string updateId, string actor, CancellationToken cancellationToken) =>
        await RecordReviewAsync(await review.ApproveAsync(updateId, actor, cancellationToken), cancellationToken);

    public async Task<EditorialResult> RejectAsync(string updateId, string actor, string? reason, CancellationToken cancellationToken)
    {
        if (TypedText.TooLong(reason, MaxNote) is { } tooLong)
        {
            return new EditorialResult(EditorialOutcome.Invalid, Errors: new Dictionary<string, string> { ["reason"] = tooLong });
        }

        var result = await review.RejectAsync(updateId, actor, reason, cancellationToken);
        return result.Outcome == ReviewOutcome.ReasonRequired
            ? new EditorialResult(EditorialOutcome.Invalid, Errors: new Dictionary<string, string> { ["reason"] = "Say why the update is rejected: the submitter reads it." })
            : await RecordReviewAsync(result, cancellationToken);
    }

    /// <summary>Takes a published update back: its page answers 410 with the note, and no listing, feed or archived edition shows it.</summary>
    public async Task<EditorialResult> WithdrawAsync(string updateId, string actor, string? note, CancellationToken cancellationToken)
    {
        if (TypedText.TooLong(note, MaxNote) is { } tooLong)
        {
            return new EditorialResult(EditorialOutcome.Invalid, Errors: new Dictionary<string, string> { ["note"] = tooLong });
        }

        var why = TextCleaner.SingleLine(note, MaxNote);
        if (why.Length == 0)
        {
            return new EditorialResult(EditorialOutcome.Invalid, Errors: new Dictionary<string, string> { ["note"] = "Write the short note readers of its page will see." });
        }

        return await SaveAsync(updateId, update =>
        {
            if (update.Status == UpdateStatus.Withdrawn)
            {
                return (null, new EditorialResult(EditorialOutcome.Done, update));
            }

            if (update.Status != UpdateStatus.Published)
            {
                return (null, WrongStatus(update, "withdrawn", "published"));
            }

            var change = new StatusChange(time.GetUtcNow(), actor, UpdateStatuses.Name(update.Status), UpdateStatuses.Name(UpdateStatus.Withdrawn), why);
            return (update with { Status = UpdateStatus.Withdrawn, History = [.. update.History, change] }, null);
        }, async (before, after) =>
        {
            var change = after.History[^1];
            await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(after.Id, AuditActions.UpdateWithdrawn, after.History.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                change.At, actor, AuditActions.UpdateWithdrawn, after.Id, $"Withdrew \"{after.Title}\": {why}", [new FieldChange("status", "published", "withdrawn")]), cancellationToken);
            await requests.AnswerAsync(after, actor, "withdrawn", cancellationToken);
            if (media is not null)
            {
                await media.WithdrawnAsync(after, cancellationToken);
            }

            foreach (var observer in observers ?? [])
            {
                await observer.WithdrawnAsync(after, why, cancellationToken);
            }
        }, cancellationToken);
    }

    private async Task<EditorialResult> ChangeFieldsAsync(string updateId, string actor, UpdateEdit edit, UpdateStatus allowed, string action, CancellationToken cancellationToken)
    {
        var (clean, errors) = edit.Check(Topics);
        if (clean is null)
        {
            return new EditorialResult(EditorialOutcome.Invalid, Errors: errors);
        }

        IReadOnlyList<FieldChange> changes = [];
        var now = time.GetUtcNow();
        var result = await SaveAsync(updateId, update =>
        {
            if (update.Status != allowed)
            {
                return (null, WrongStatus(update, action == AuditActions.UpdateEdited ? "edited" : "corrected",
                    action == AuditActions.UpdateEdited ? "pending review (once published, correct it instead)" : "published"));
            }

            changes = clean.ChangesTo(update);
            if (changes.Count == 0)
            {
                return (null, new EditorialResult(EditorialOutcome.Unchanged, update, "Nothing changed."));
            }

            var changed = clean.ApplyTo(update);
            return (action == AuditActions.UpdateCorrected ? changed with { CorrectedAt = now } : changed, null);
        }, async (before, after) =>
        {
            // The version read before the change names this edit: a retry of the same record replaces it.
            var summary = $"{(action == AuditActions.UpdateEdited ? "Edited" : "Corrected")} {string.Join(", ", changes.Select(c => c.Field))} of \"{after.Title}\"";
            await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(after.Id, action, before.Version ?? now.ToString("O")), now, actor, action, after.Id, summary, changes), cancellationToken);
            if (action == AuditActions.UpdateCorrected)
            {
                await requests.AnswerAsync(after, actor, "corrected", cancellationToken);
                foreach (var observer in observers ?? [])
                {
                    await observer.CorrectedAsync(after, changes, before.Version ?? now.ToString("O"), cancellationToken);
                }
            }
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Records an approval or rejection that <see cref="ReviewService"/> made (the JSON API's way in), and hands the
    /// result back unchanged: the API's actions land in the same audit log as the console's.
    /// </summary>
    public async Task<ReviewResult> RecordAsync(ReviewResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result is { Outcome: ReviewOutcome.Done, Update: { } update } && update.History.Count > 0)
        {
            var change = update.History[^1];
            // An approval under embargo schedules the update instead of publishing it: still the editor's approval.
            var action = change.To == UpdateStatuses.Name(UpdateStatus.Published) || change.To == UpdateStatuses.Name(UpdateStatus.Scheduled) ? AuditActions.UpdateApproved
                : change.To == UpdateStatuses.Name(UpdateStatus.Rejected) ? AuditActions.UpdateRejected
                : null;
            if (action is not null)
            {
                // Derived from the status change itself: an approval that is repeated (a double click, a retry after
                // a failure here) records the same entry again, never a second one.
                var summary = action == AuditActions.UpdateApproved ? $"Approved \"{update.Title}\"" : $"Rejected \"{update.Title}\": {change.Reason}";
                await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(update.Id, action, update.History.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    change.At, change.Actor, action, update.Id, summary, [new FieldChange("status", change.From ?? string.Empty, change.To)]), cancellationToken);
                LogReviewed(update.Id, action, change.Actor);
            }
        }

        return result;
    }

    private async Task<EditorialResult> RecordReviewAsync(ReviewResult result, CancellationToken cancellationToken)
    {
        switch ((await RecordAsync(result, cancellationToken)).Outcome)
        {
            // A repeat is harmless (the audit entry above is the same one), but the editor is told it changed nothing.
            case ReviewOutcome.Done when result is { Already: true, Update: { } already }:
                return new EditorialResult(EditorialOutcome.WrongStatus, already,
                    $"The update is already {UpdateStatuses.Name(already.Status)}; nothing was changed.");
            case ReviewOutcome.UnknownUpdate:
                return new EditorialResult(EditorialOutcome.UnknownUpdate, Message: result.Message);
            case ReviewOutcome.NotPending:
                return new EditorialResult(EditorialOutcome.WrongStatus, result.Update, result.Message);
            case ReviewOutcome.ReasonRequired:
                return new EditorialResult(EditorialOutcome.Invalid, Message: result.Message);
            default:
                return new EditorialResult(EditorialOutcome.Done, result.Update);
        }
    }

    /// <summary>Reads, decides, saves and records, reading again when someone changed the update meanwhile.</summary>
    private async Task<EditorialResult> SaveAsync(string updateId,
        Func<Update, (Update? Changed, EditorialResult? Stop)> decide, Func<Update, Update, Task> record, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var update = await updates.GetAsync(updateId, cancellationToken);
            if (update is null)
            {
                return new EditorialResult(EditorialOutcome.UnknownUpdate, Message: $"There is no update '{TextCleaner.SingleLine(updateId, 40)}'.");
            }

            var (changed, stop) = decide(update);
            if (stop is not null)
            {
                return stop;
            }

            try
            {
                await updates.SaveAsync(changed!, cancellationToken);
            }
            catch (ConflictException) when (attempt < 3)
            {
                continue;
            }

            await record(update, changed!);
            return new EditorialResult(EditorialOutcome.Done, changed);
        }
    }

    private static EditorialResult WrongStatus(Update update, string verb, string needed) =>
        new(EditorialOutcome.WrongStatus, update, $"The update is {UpdateStatuses.Name(update.Status)}; only an update {needed} can be {verb}.");

    [LoggerMessage(LogLevel.Information, "Update {UpdateId}: {Action} by {Actor}")]
    private partial void LogReviewed(string updateId, string action, string actor);
}
