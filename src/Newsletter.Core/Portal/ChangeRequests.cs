using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>The mail an editor gets when a member asks for a correction or withdrawal. Every value is shown encoded; only the update's title, cleaned to one line, reaches the subject.</summary>
public sealed record ChangeRequestMail(
    string NetworkName, ChangeRequestKind Kind, string Title, string MemberName, string Address, DateTimeOffset At, string Text, string ConsoleUrl);

/// <summary>Port: the subject, HTML and text of a change request mail to the editors.</summary>
public interface IChangeRequestMailTemplate
{
    Task<RenderedMail> RenderAsync(ChangeRequestMail model);
}

/// <summary>A published update with the change requests still open for it, for the console's queue.</summary>
public sealed record RequestedUpdate(Update Update, IReadOnlyList<ChangeRequest> Open);

/// <summary>
/// The editors' side of members' correction and withdrawal requests: a request that arrives is recorded in the audit
/// log and mailed to every editor; the console lists the open ones; correcting or withdrawing the update answers them,
/// which the member's page shows.
/// </summary>
public sealed partial class ChangeRequests(
    IPortalStore store,
    IPeopleStore people,
    IMemberStore members,
    IUpdateStore updates,
    IAuditLog audit,
    IMailSender sender,
    IChangeRequestMailTemplate template,
    AccessLinks accessLinks,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<ChangeRequests> logger)
{
    /// <summary>Records a stored request in the audit log and mails the editors, once per request; a mail that cannot be sent is logged and never loses the request.</summary>
    public async Task ArrivedAsync(ChangeRequest request, Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(update);
        var kind = Name(request.Kind);

        // Derived from the request: recording it again after a failure replaces the first entry.
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(request.Id, AuditActions.UpdateChangeRequested), request.At, request.Address,
            AuditActions.UpdateChangeRequested, update.Id, $"Asked for a {kind} of \"{update.Title}\": {request.Text}", []), cancellationToken);

        try
        {
            // Once per request, however often it arrives.
            var editors = await people.ListEditorsAsync(cancellationToken);
            if (editors.Count == 0 || !await store.TryMarkNoticeAsync(request.MemberId, request.ReleaseId, "request-" + request.Id, cancellationToken))
            {
                return;
            }

            var member = await members.GetAsync(request.MemberId, cancellationToken);
            var model = new ChangeRequestMail(app.Value.NetworkName, request.Kind, TextCleaner.SingleLine(update.Title, 300), member?.DisplayName ?? request.MemberId,
                request.Address, request.At, request.Text, $"{accessLinks.Console}/updates/{Uri.EscapeDataString(update.Id)}");
            var content = await template.RenderAsync(model);
            var from = mail.Value.Sender(app.Value);
            foreach (var editor in editors)
            {
                await sender.SendAsync(new MailMessage(from, new Mailbox(editor.Address), content.Subject, content.Html, content.Text), cancellationToken);
            }

            LogMailed(request.Id, update.Id, editors.Count);
        }
#pragma warning disable CA1031 // The request is stored and listed in the console: a failed mail is logged, never a lost request.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex, request.Id);
        }
    }

    /// <summary>The requests still open for the update, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeRequest>> OpenForAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return (await store.ListChangeRequestsAsync(update.MemberId, cancellationToken))
            .Where(r => r.IsOpen && r.UpdateId == update.Id).OrderBy(r => r.At).ToArray();
    }

    /// <summary>Every update with open requests, the one asked about longest ago first.</summary>
    public async Task<IReadOnlyList<RequestedUpdate>> RequestedAsync(CancellationToken cancellationToken)
    {
        var open = (await store.ListChangeRequestsAsync(null, cancellationToken)).Where(r => r.IsOpen && r.UpdateId is not null)
            .GroupBy(r => r.UpdateId!, StringComparer.Ordinal).ToArray();
        var found = new List<RequestedUpdate>();
        foreach (var group in open)
        {
            if (await updates.GetAsync(group.Key, cancellationToken) is { } update)
            {
                found.Add(new RequestedUpdate(update, group.OrderBy(r => r.At).ToArray()));
            }
        }

        return found.OrderBy(r => r.Open[0].At).ToArray();
    }

    /// <summary>Marks the update's open requests answered by the editor's correction or withdrawal; a retry finds none left to mark.</summary>
    public async Task AnswerAsync(Update update, string actor, string answer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var request in await OpenForAsync(update, cancellationToken))
        {
            await store.SaveChangeRequestAsync(request with { AnsweredAt = now, AnsweredBy = actor, Answer = answer }, cancellationToken);
        }
    }

    public static string Name(ChangeRequestKind kind) => kind.ToString().ToLowerInvariant();

    [LoggerMessage(LogLevel.Information, "Change request {RequestId} for update {UpdateId} mailed to {Count} editor(s)")]
    private partial void LogMailed(string requestId, string updateId, int count);

    [LoggerMessage(LogLevel.Warning, "Change request {RequestId} could not be mailed to the editors")]
    private partial void LogFailed(Exception exception, string requestId);
}
