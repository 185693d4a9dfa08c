using System.Globalization;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Editorial;

/// <summary>How an editor's decision on a held edition ended; the console maps it to a page and a status.</summary>
public enum EditionDecisionOutcome
{
    /// <summary>The edition stands as asked (now, or already before: <see cref="EditionDecisionResult.Already"/>).</summary>
    Done,
    UnknownEdition,

    /// <summary>The edition is not held, and was not decided that way: it cannot be approved or skipped now.</summary>
    NotHeld,
}

/// <summary>The outcome of an approval or skip, the edition as it now stands, and for a refusal a sentence saying why.</summary>
public sealed record EditionDecisionResult(EditionDecisionOutcome Outcome, Edition? Edition = null, string? Message = null, bool Already = false);

/// <summary>
/// Editions held by <c>Digest:RequireApproval</c>: an editor approves one (its dispatch starts, as the timer would have
/// started it) or skips it (nothing is sent; its updates go into the next edition of its frequency). Of two decisions at
/// once, and of a decision and the next timer fire, exactly one wins; a repeat changes nothing and says so. Each decision
/// is recorded in the audit log.
/// </summary>
public sealed partial class HeldEditions(IEditionStore editions, EditionDispatcher dispatcher, IAuditLog audit, TimeProvider time, ILogger<HeldEditions> logger)
{
    public async Task<EditionDecisionResult> ApproveAsync(string editionId, string actor, CancellationToken cancellationToken)
    {
        var (edition, decidedNow) = await DecideAsync(editionId, EditionApproval.Approved, actor, cancellationToken);
        if (edition is null)
        {
            return Unknown(editionId);
        }

        if (edition.Approval != EditionApproval.Approved)
        {
            return Refused(edition, "approved");
        }

        await RecordAsync(edition, AuditActions.EditionSent, "Approved and sent", cancellationToken);

        // Also for an approval made earlier: a dispatch that did not start then (a crash in between) starts now; one
        // already started is left as it is.
        var started = await dispatcher.StartAsync(edition, cancellationToken);
        LogApproved(edition.Id, actor, started);
        return new EditionDecisionResult(EditionDecisionOutcome.Done, edition, Already: !decidedNow);
    }

    public async Task<EditionDecisionResult> SkipAsync(string editionId, string actor, CancellationToken cancellationToken)
    {
        var (edition, decidedNow) = await DecideAsync(editionId, EditionApproval.Skipped, actor, cancellationToken);
        if (edition is null)
        {
            return Unknown(editionId);
        }

        if (edition.Approval != EditionApproval.Skipped)
        {
            return Refused(edition, "skipped");
        }

        await RecordAsync(edition, AuditActions.EditionSkipped, "Skipped", cancellationToken);
        LogSkipped(edition.Id, actor);
        return new EditionDecisionResult(EditionDecisionOutcome.Done, edition, Already: !decidedNow);
    }

    /// <summary>Decides a held edition; either way, the edition as it stands afterwards and whether this call decided it.</summary>
    private async Task<(Edition? Edition, bool DecidedNow)> DecideAsync(string editionId, EditionApproval decision, string actor, CancellationToken cancellationToken)
    {
        var edition = await editions.GetAsync(editionId, cancellationToken);
        if (edition is not { Approval: EditionApproval.Held })
        {
            return (edition, false);
        }

        var by = new EditionDecision(actor, time.GetUtcNow());
        if (await editions.TryDecideAsync(edition.Id, decision, by, cancellationToken))
        {
            return (edition with { Approval = decision, Decision = by }, true);
        }

        // Someone decided it a moment before: that decision stands.
        return (await editions.GetAsync(editionId, cancellationToken), false);
    }

    /// <summary>The decision in the audit log, named by the edition and the action: recording it again (a retry, a repeat) replaces it.</summary>
    private async Task RecordAsync(Edition edition, string action, string verb, CancellationToken cancellationToken)
    {
        var decision = edition.Decision ?? new EditionDecision("unknown", time.GetUtcNow());
        var recipients = edition.Variants.Where(v => !v.Skipped).Sum(v => v.Readers);
        var summary = action == AuditActions.EditionSent
            ? $"{verb} the {Edition.FrequencyName(edition.Frequency)} edition {edition.Id}: {Words(edition.Items.Count, "update")} to {Words(recipients, "reader")}"
            : $"{verb} the {Edition.FrequencyName(edition.Frequency)} edition {edition.Id}: its {Words(edition.Items.Count, "update")} go into the next edition";
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(edition.Id, action), decision.At, decision.Actor, action, edition.Id, summary,
            [new FieldChange("state", "held", action == AuditActions.EditionSent ? "approved" : "skipped")]), cancellationToken);
    }

    private static EditionDecisionResult Unknown(string editionId) =>
        new(EditionDecisionOutcome.UnknownEdition, Message: $"There is no edition '{TextCleaner.SingleLine(editionId, 60)}'.");

    private static EditionDecisionResult Refused(Edition edition, string asked)
    {
        var message = edition.Approval switch
        {
            EditionApproval.Approved => $"The edition {edition.Id} was already approved{By(edition.Decision)} and is sent; it cannot be {asked} now.",
            EditionApproval.Skipped => $"The edition {edition.Id} was skipped{By(edition.Decision)}; its updates go into the next {Edition.FrequencyName(edition.Frequency)} edition. It cannot be {asked} now.",
            _ => $"The edition {edition.Id} was not held for approval: it is sent as composed, so it cannot be {asked}.",
        };
        return new EditionDecisionResult(EditionDecisionOutcome.NotHeld, edition, message);
    }

    private static string By(EditionDecision? decision) =>
        decision is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" by {decision.Actor} on {decision.At.UtcDateTime:d MMM yyyy HH:mm} UTC");

    private static string Words(int count, string noun) => count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}s");

    [LoggerMessage(LogLevel.Information, "Held edition {EditionId} approved by {Actor} (dispatch started now: {Started})")]
    private partial void LogApproved(string editionId, string actor, bool started);

    [LoggerMessage(LogLevel.Information, "Held edition {EditionId} skipped by {Actor}")]
    private partial void LogSkipped(string editionId, string actor);
}
