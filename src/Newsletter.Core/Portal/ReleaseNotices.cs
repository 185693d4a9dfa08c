using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>The release mails a contact can get.</summary>
public enum NoticeKind
{
    Received,
    WaitingForReview,
    Scheduled,
    Published,
    Rejected,

    /// <summary>An editor took the release back, before or after it was published.</summary>
    Withdrawn,

    /// <summary>An editor corrected the published text.</summary>
    Corrected,
}

/// <summary>
/// What one release mail says. Every value is shown encoded in the HTML and cleaned to one line in the text; the title
/// reaches the subject only cleaned to one line. <see cref="Reason"/> is the editor's reason or note, or the parser's message.
/// </summary>
public sealed record ReleaseNoticeMail(
    string NetworkName, NoticeKind Kind, string Title, string MemberName, string StatusUrl, string SettingsUrl,
    string? PublicUrl = null, string? Reason = null, string? LiftTime = null)
{
    /// <summary>The parser's rejection code (as the API answers it), for a release the parser refused.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>What an editor changed in the member's text, field by field (before publishing, or in a correction).</summary>
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
}

/// <summary>Port: the subject, HTML and text of a release mail.</summary>
public interface IReleaseNoticeTemplate
{
    Task<RenderedMail> RenderAsync(ReleaseNoticeMail model);
}

/// <summary>
/// Mails the contact who submitted a release (in the portal, or by e-mail from a contact's address; for other uploads by
/// API key, blob or e-mail, the member's contacts who asked for those) when it is received, waits for review, is approved
/// under embargo, is published (also when its embargo lifts), is rejected, or an editor withdraws or corrects it; for a joint
/// release (the same text from several members, one update) each member's contacts get them under their own release. Each
/// notice is sent once per release and event, however often a trigger or timer runs, and at least once: one whose queue
/// write fails is kept and queued later; a mail that cannot be sent never fails the upload or the review.
/// </summary>
public sealed partial class ReleaseNotices(
    IPortalStore store,
    IPeopleStore people,
    IMemberStore members,
    IAuditLog audit,
    IMailSender sender,
    IReleaseNoticeTemplate template,
    IReleaseNoticePublisher queue,
    AccessLinks accessLinks,
    Links links,
    NetworkClock clock,
    TimeProvider time,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    IOptions<SubscriptionOptions> subscriptions,
    ILogger<ReleaseNotices> logger) : IReviewObserver
{
    /// <summary>The upload is stored and waits for ingestion; <paramref name="title"/> is what the contact knows it by.</summary>
    public Task ReceivedAsync(Member member, ReleaseRecord record, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(record);
        return SendAsync(member, record.ReleaseId, new Notice(NoticeKind.Received, title), cancellationToken);
    }

    /// <summary>After ingestion: waiting for review, scheduled, published, or rejected by the parser.</summary>
    public async Task IngestedAsync(IngestionOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var record = outcome.Record;
        var kind = record.State switch
        {
            ReleaseState.PendingReview => NoticeKind.WaitingForReview,
            ReleaseState.Published => NoticeKind.Published,
            ReleaseState.Scheduled => NoticeKind.Scheduled,
            ReleaseState.Rejected => NoticeKind.Rejected,
            _ => (NoticeKind?)null,
        };
        if (kind is null || !MemberIds.IsValid(record.MemberId) || await members.GetAsync(record.MemberId, cancellationToken) is not { } member)
        {
            return;
        }

        await RecordMailSenderAsync(member, record, outcome.SenderAddress, cancellationToken);
        var notice = new Notice(kind.Value, outcome.Update?.Title ?? record.ShownName, outcome.Update)
        {
            Reason = record.Rejection?.Message,
            ReasonCode = record.Rejection?.Code,
        };
        await SendAsync(member, record.ReleaseId, notice, cancellationToken);
    }

    /// <summary>After an editor's decision, or an embargo that lifted.</summary>
    public async Task ChangedAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var kind = update.Status switch
        {
            UpdateStatus.Published => NoticeKind.Published,
            UpdateStatus.Scheduled => NoticeKind.Scheduled,
            UpdateStatus.Rejected => NoticeKind.Rejected,
            _ => (NoticeKind?)null,
        };
        if (kind is null)
        {
            return;
        }

        var notice = new Notice(kind.Value, update.Title, update)
        {
            Reason = kind == NoticeKind.Rejected && update.History.Count > 0 ? update.History[^1].Reason : null,
            Changes = kind is NoticeKind.Published or NoticeKind.Scheduled ? await EditsAsync(update, cancellationToken) : [],
        };
        await SendToSubmittersAsync(update, notice, cancellationToken);
    }

    /// <summary>An editor withdrew the update (published, or before publication) with <paramref name="note"/>.</summary>
    public async Task WithdrawnAsync(Update update, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await SendToSubmittersAsync(update, new Notice(NoticeKind.Withdrawn, update.Title, update) { Reason = note, ToRequesters = true }, cancellationToken);
    }

    /// <summary>An editor corrected the published update; <paramref name="eventId"/> names this correction, so each is mailed once.</summary>
    public async Task CorrectedAsync(Update update, IReadOnlyList<FieldChange> changes, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await SendToSubmittersAsync(update, new Notice(NoticeKind.Corrected, update.Title, update)
        {
            Changes = changes,
            Key = "corrected-" + AuditEntry.IdFor(eventId),
            ToRequesters = true,
        }, cancellationToken);
    }

    /// <summary>The notice to the member whose release the update is, and to each member that sent the same text (a joint release), under their own release.</summary>
    private async Task SendToSubmittersAsync(Update update, Notice notice, CancellationToken cancellationToken)
    {
        foreach (var (memberId, releaseId) in update.AlsoSubmittedBy.Select(c => (c.MemberId, c.ReleaseId)).Prepend((update.MemberId, update.ReleaseId)))
        {
            if (await members.GetAsync(memberId, cancellationToken) is { } member)
            {
                await SendAsync(member, releaseId, notice, cancellationToken);
            }
        }
    }

    private async Task SendAsync(Member member, string releaseId, Notice notice, CancellationToken cancellationToken)
    {
        var kind = notice.Kind.ToString();
        try
        {
            var recipients = await RecipientsAsync(member, releaseId, notice.ToRequesters ? notice.Update?.Id : null, cancellationToken);
            var key = notice.Key ?? kind.ToLowerInvariant();
            if (recipients.Count == 0 || await store.IsNoticeMarkedAsync(member.Id, releaseId, key, cancellationToken))
            {
                return;
            }

            var update = notice.Update;
            var model = new ReleaseNoticeMail(app.Value.NetworkName, notice.Kind, TextCleaner.SingleLine(notice.Title, 300), member.DisplayName,
                $"{accessLinks.Portal}/releases/{Uri.EscapeDataString(releaseId)}", $"{accessLinks.Portal}/notifications",
                notice.Kind == NoticeKind.Published && update is not null ? links.Update(update.Id) : null, notice.Reason,
                notice.Kind == NoticeKind.Scheduled && update?.Embargo is { } lift ? clock.Describe(lift) : null)
            {
                ReasonCode = notice.Kind == NoticeKind.Rejected ? notice.ReasonCode : null,
                // Topics are kept by key; the member reads them by their configured labels.
                Changes = [.. notice.Changes.Select(c => c.Field == "topics"
                    ? c with { Before = subscriptions.Value.TopicLabels(c.Before), After = subscriptions.Value.TopicLabels(c.After) }
                    : c)],
            };

            // Composed now, sent by the queue: a failed send is tried again there, never from the upload or the review. Kept
            // first, queued, and only then marked: a queue write that fails leaves the mail kept and unmarked, and
            // RequeuePendingAsync queues it later. A job queued twice (a crash before the mark) mails each address once.
            var job = new ReleaseNoticeJob(member.Id, releaseId, key, model, recipients, time.GetUtcNow());
            await store.SavePendingNoticeAsync(job, cancellationToken);
            await QueueAsync(job, cancellationToken);
            LogQueued(kind, releaseId, recipients.Count);
        }
#pragma warning disable CA1031 // A notice is a courtesy: its failure is logged and never undoes the upload or the review.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex, kind, releaseId);
        }
    }

    /// <summary>How long a kept release mail waits before <see cref="RequeuePendingAsync"/> takes it for one whose queue write failed.</summary>
    public static readonly TimeSpan PendingGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Queues the release mails kept longer than <see cref="PendingGrace"/> without being queued (their queue write failed, or
    /// the process stopped before it); one already marked as queued is only cleared. The number queued.
    /// </summary>
    public async Task<int> RequeuePendingAsync(CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var job in await store.ListPendingNoticesAsync(time.GetUtcNow() - PendingGrace, 200, cancellationToken))
        {
            if (await store.IsNoticeMarkedAsync(job.MemberId, job.ReleaseId, job.Key, cancellationToken))
            {
                await store.DeletePendingNoticeAsync(job, cancellationToken);
                continue;
            }

            await QueueAsync(job, cancellationToken);
            LogRequeued(job.Key, job.ReleaseId);
            queued++;
        }

        return queued;
    }

    private async Task QueueAsync(ReleaseNoticeJob job, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(job, cancellationToken);
        await store.TryMarkNoticeAsync(job.MemberId, job.ReleaseId, job.Key, cancellationToken);
        await store.DeletePendingNoticeAsync(job, cancellationToken);
    }

    /// <summary>
    /// Sends a queued release mail to each of its addresses that has not had it: the release, event and address are its
    /// idempotency key, marked once the transport took the mail, so a redelivered or retried job mails nobody twice. A
    /// failed send throws, and the queue tries the job again (the addresses already mailed are skipped).
    /// </summary>
    public async Task DeliverAsync(ReleaseNoticeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var content = await template.RenderAsync(job.Mail);
        var from = mail.Value.Sender(app.Value);
        var sent = 0;
        foreach (var address in job.To.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = $"{job.Key}-to-{AuditEntry.IdFor(address.ToLowerInvariant())}";
            if (await store.IsNoticeMarkedAsync(job.MemberId, job.ReleaseId, key, cancellationToken))
            {
                continue;
            }

            await sender.SendAsync(new MailMessage(from, new Mailbox(address), content.Subject, content.Html, content.Text), cancellationToken);
            await store.TryMarkNoticeAsync(job.MemberId, job.ReleaseId, key, cancellationToken);
            sent++;
        }

        LogSent(job.Key, job.ReleaseId, sent);
    }

    /// <summary>
    /// An upload by e-mail whose sender is one of the member's contacts was submitted by that contact: recorded so, it
    /// gets the release's mails as the submitter (and the portal names them). Anyone else's address is only a header.
    /// </summary>
    private async Task RecordMailSenderAsync(Member member, ReleaseRecord record, string? senderAddress, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(senderAddress) || await store.GetSubmitterAsync(member.Id, record.ReleaseId, cancellationToken) is not null)
        {
            return;
        }

        var address = senderAddress.Trim();
        var contact = (await people.ListContactsAsync(member.Id, cancellationToken))
            .FirstOrDefault(c => string.Equals(c.Address, address, StringComparison.OrdinalIgnoreCase));
        if (contact is not null)
        {
            await store.SaveSubmitterAsync(member.Id, record.ReleaseId, contact.PersonId, contact.Address, cancellationToken);
        }
    }

    /// <summary>What editors changed before approving: per field, the member's text and the text now, from the console's revisions.</summary>
    private async Task<IReadOnlyList<FieldChange>> EditsAsync(Update update, CancellationToken cancellationToken)
    {
        var edits = await audit.ListAsync(new AuditFilter(AuditActions.UpdateEdited, Subject: update.Id), 100, cancellationToken);
        var changes = new List<FieldChange>();
        foreach (var field in edits.OrderBy(e => e.At).SelectMany(e => e.Changes).GroupBy(c => c.Field, StringComparer.Ordinal))
        {
            // Edits in one instant have no order: the member's text is the "before" no other edit led to; the
            // published one is the update's own.
            var steps = field.ToArray();
            var before = steps.FirstOrDefault(c => !steps.Any(o => !ReferenceEquals(o, c) && o.After == c.Before))?.Before ?? steps[0].Before;
            var after = Current(update, field.Key) ?? steps[^1].After;
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field.Key, before, after));
            }
        }

        return changes;
    }

    /// <summary>The update's value of a field an editor can edit, as <see cref="UpdateEdit.ChangesTo"/> writes it.</summary>
    private static string? Current(Update update, string field) => field switch
    {
        "title" => update.Title,
        "summary" => update.Summary,
        "organisation" => update.Organisation,
        "topics" => UpdateEdit.TopicsText(update.Topics),
        _ => null,
    };

    /// <summary>
    /// The submitter, if the portal knows one and they still want mails; else the contacts who asked for every upload.
    /// With <paramref name="requestsFor"/>, also the contacts who asked for a correction or withdrawal of that update.
    /// </summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(Member member, string releaseId, string? requestsFor, CancellationToken cancellationToken)
    {
        var contacts = await people.ListContactsAsync(member.Id, cancellationToken);
        var submitter = await store.GetSubmitterAsync(member.Id, releaseId, cancellationToken);
        var asked = requestsFor is null ? [] : (await store.ListChangeRequestsAsync(member.Id, cancellationToken))
            .Where(r => r.UpdateId == requestsFor).Select(r => r.PersonId).ToHashSet(StringComparer.Ordinal);
        var chosen = new List<string>();
        foreach (var contact in contacts)
        {
            // A release of their own (submitted, or asked about) unless they turned that off; else the uploads nobody submitted, if they asked for those.
            var own = contact.PersonId == submitter || asked.Contains(contact.PersonId);
            if (!own && submitter is not null)
            {
                continue;
            }

            var settings = await store.GetNoticeSettingsAsync(contact.PersonId, cancellationToken);
            if (own ? settings.OwnReleases : settings.OtherUploads)
            {
                chosen.Add(contact.Address);
            }
        }

        return chosen.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>One notice to send: what happened, under which key it is sent once, and what it says.</summary>
    private sealed record Notice(NoticeKind Kind, string Title, Update? Update = null)
    {
        public string? Reason { get; init; }
        public string? ReasonCode { get; init; }
        public IReadOnlyList<FieldChange> Changes { get; init; } = [];

        /// <summary>The event's key beside the release; null: the kind, which happens once per release.</summary>
        public string? Key { get; init; }

        /// <summary>Also to the contacts who asked for a change of the update.</summary>
        public bool ToRequesters { get; init; }
    }

    [LoggerMessage(LogLevel.Information, "Release notice {Kind} for {ReleaseId} queued for {Count} contact(s)")]
    private partial void LogQueued(string kind, string releaseId, int count);

    [LoggerMessage(LogLevel.Information, "Release notice {Key} for {ReleaseId} sent to {Count} contact(s)")]
    private partial void LogSent(string key, string releaseId, int count);

    [LoggerMessage(LogLevel.Information, "Release notice {Key} for {ReleaseId} queued again: its first queue write had failed")]
    private partial void LogRequeued(string key, string releaseId);

    [LoggerMessage(LogLevel.Warning, "Release notice {Kind} for {ReleaseId} could not be queued now (one kept in the outbox is queued by RequeueReleaseNotices)")]
    private partial void LogFailed(Exception exception, string kind, string releaseId);
}
