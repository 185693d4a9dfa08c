using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
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
}

/// <summary>What one release mail says. Every value is shown encoded; the title reaches the subject only cleaned to one line.</summary>
public sealed record ReleaseNoticeMail(
    string NetworkName, NoticeKind Kind, string Title, string MemberName, string StatusUrl, string SettingsUrl,
    string? PublicUrl = null, string? Reason = null, DateTimeOffset? LiftsAt = null);

/// <summary>Port: the subject, HTML and text of a release mail.</summary>
public interface IReleaseNoticeTemplate
{
    Task<RenderedMail> RenderAsync(ReleaseNoticeMail model);
}

/// <summary>
/// Mails the contact who submitted a release in the portal (or, for uploads by API key, blob or e-mail, the member's
/// contacts who asked for those) when it is received, waits for review, is published or rejected. Each notice is
/// sent once per release, however often a trigger runs; a mail that cannot be sent never fails the upload or review.
/// </summary>
public sealed partial class ReleaseNotices(
    IPortalStore store,
    IPeopleStore people,
    IMemberStore members,
    IMailSender sender,
    IReleaseNoticeTemplate template,
    AccessLinks accessLinks,
    Links links,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    ILogger<ReleaseNotices> logger) : IReviewObserver
{
    /// <summary>The upload is stored and waits for ingestion; <paramref name="title"/> is what the contact knows it by.</summary>
    public Task ReceivedAsync(Member member, ReleaseRecord record, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(record);
        return SendAsync(member, record.ReleaseId, title, NoticeKind.Received, null, null, cancellationToken);
    }

    /// <summary>After ingestion: waiting for review, published, or rejected by the parser.</summary>
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

        await SendAsync(member, record.ReleaseId, outcome.Update?.Title ?? record.ShownName, kind.Value, outcome.Update, record.Rejection?.Message, cancellationToken);
    }

    /// <summary>After an editor's decision.</summary>
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
        if (kind is null || await members.GetAsync(update.MemberId, cancellationToken) is not { } member)
        {
            return;
        }

        var reason = kind == NoticeKind.Rejected && update.History.Count > 0 ? update.History[^1].Reason : null;
        await SendAsync(member, update.ReleaseId, update.Title, kind.Value, update, reason, cancellationToken);
    }

    private async Task SendAsync(Member member, string releaseId, string title, NoticeKind kind, Update? update, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            var recipients = await RecipientsAsync(member, releaseId, cancellationToken);
            if (recipients.Count == 0 || !await store.TryMarkNoticeAsync(member.Id, releaseId, kind.ToString().ToLowerInvariant(), cancellationToken))
            {
                return;
            }

            var model = new ReleaseNoticeMail(app.Value.NetworkName, kind, TextCleaner.SingleLine(title, 300), member.DisplayName,
                $"{accessLinks.Portal}/releases/{Uri.EscapeDataString(releaseId)}", $"{accessLinks.Portal}/notifications",
                kind == NoticeKind.Published && update is not null ? links.Update(update.Id) : null, reason,
                kind == NoticeKind.Scheduled ? update?.Embargo : null);
            var content = await template.RenderAsync(model);
            var from = mail.Value.Sender(app.Value);
            foreach (var address in recipients)
            {
                await sender.SendAsync(new MailMessage(from, new Mailbox(address), content.Subject, content.Html, content.Text), cancellationToken);
            }

            LogSent(kind.ToString(), releaseId, recipients.Count);
        }
#pragma warning disable CA1031 // A notice is a courtesy: its failure is logged and never undoes the upload or the review.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex, kind.ToString(), releaseId);
        }
    }

    /// <summary>The submitter, if the portal knows one and they still want mails; else the contacts who asked for every upload.</summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(Member member, string releaseId, CancellationToken cancellationToken)
    {
        var submitter = await store.GetSubmitterAsync(member.Id, releaseId, cancellationToken);
        if (submitter is not null)
        {
            var person = await people.FindAsync(submitter, cancellationToken);
            return person is { Contact: { } contact } && contact.MemberId == member.Id && (await store.GetNoticeSettingsAsync(person.Id, cancellationToken)).OwnReleases
                ? [contact.Address]
                : [];
        }

        var chosen = new List<string>();
        foreach (var contact in await people.ListContactsAsync(member.Id, cancellationToken))
        {
            if ((await store.GetNoticeSettingsAsync(contact.PersonId, cancellationToken)).OtherUploads)
            {
                chosen.Add(contact.Address);
            }
        }

        return chosen;
    }

    [LoggerMessage(LogLevel.Information, "Release notice {Kind} for {ReleaseId} sent to {Count} contact(s)")]
    private partial void LogSent(string kind, string releaseId, int count);

    [LoggerMessage(LogLevel.Warning, "Release notice {Kind} for {ReleaseId} could not be sent")]
    private partial void LogFailed(Exception exception, string kind, string releaseId);
}
