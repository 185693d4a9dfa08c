using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editorial;

/// <summary>One release in a review-waiting mail: its title (one clean line), its member, when it arrived.</summary>
public sealed record WaitingRelease(string Title, string Member, DateTimeOffset ReceivedAt);

/// <summary>
/// The mail editors get when releases wait for review: how many wait in all, how many arrived since the last such mail,
/// and those (the first <see cref="ReviewReminders.MaxListed"/>) by name. Every value is shown encoded; only the count
/// reaches the subject.
/// </summary>
public sealed record ReviewWaitingMail(string NetworkName, int Waiting, int Arrived, IReadOnlyList<WaitingRelease> New, string QueueUrl, string SettingsUrl);

/// <summary>Port: the subject, HTML and text of the review-waiting mail.</summary>
public interface IReviewWaitingMailTemplate
{
    Task<RenderedMail> RenderAsync(ReviewWaitingMail model);
}

/// <summary>Port: what the review-waiting mails have covered, which were sent, and each editor's choice.</summary>
public interface IReviewReminderStore
{
    /// <summary>The updates the last mail covered (those waiting then); a mail goes out only when another one waits.</summary>
    Task<IReadOnlySet<string>> AnnouncedAsync(CancellationToken cancellationToken);

    Task SaveAnnouncedAsync(IReadOnlyCollection<string> updateIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>True the first time <paramref name="key"/> is claimed, false ever after (another instance, a second fire, a retry).</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives a claim back (its mail could not be sent), so the next run claims it again.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether the editor wants these mails (yes until they turn them off).</summary>
    Task<bool> WantsReviewMailAsync(string personId, CancellationToken cancellationToken);

    Task SaveReviewMailAsync(string personId, bool wanted, CancellationToken cancellationToken);
}

/// <summary>What one run of the review reminder did.</summary>
public sealed record ReminderOutcome(int Waiting, int New, int Mailed);

/// <summary>
/// Mails the editors when releases wait for review: at most one mail an hour, only when something arrived since the
/// last mail (the same waiting releases are never announced twice), each editor once per batch however often the
/// timer fires or instances run, and never to an editor who turned these mails off. A failure mid-way is retried by
/// the next run, which skips the editors already mailed.
/// </summary>
public sealed partial class ReviewReminders(
    IUpdateStore updates,
    IMemberStore members,
    IPeopleStore people,
    IReviewReminderStore store,
    IMailSender sender,
    IReviewWaitingMailTemplate template,
    AccessLinks accessLinks,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<ReviewReminders> logger)
{
    /// <summary>The releases a mail names one by one; more are counted.</summary>
    public const int MaxListed = 20;

    public async Task<ReminderOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var waiting = await updates.ListAsync(UpdateStatus.PendingReview, 200, cancellationToken);
        var announced = await store.AnnouncedAsync(cancellationToken);
        var fresh = waiting.Where(u => !announced.Contains(u.Id)).OrderBy(u => u.CreatedAt).ThenBy(u => u.Id, StringComparer.Ordinal).ToArray();
        if (fresh.Length == 0)
        {
            return new ReminderOutcome(waiting.Count, 0, 0);
        }

        var now = time.GetUtcNow();
        if (!await store.TryClaimAsync($"hour-{now.UtcDateTime:yyyyMMddHH}", now, cancellationToken))
        {
            // This hour's mail is out (or going out from another instance): what arrived since waits for the next hour.
            return new ReminderOutcome(waiting.Count, fresh.Length, 0);
        }

        // The batch is what is new: a run that failed half-way and its retry name the same batch, so nobody gets it twice.
        var batch = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', fresh.Select(u => u.Id)))))[..16];
        var listed = new List<WaitingRelease>();
        foreach (var update in fresh.Take(MaxListed))
        {
            var member = await members.GetAsync(update.MemberId, cancellationToken);
            listed.Add(new WaitingRelease(TextCleaner.SingleLine(update.Title, 200), member?.DisplayName ?? update.MemberId, update.CreatedAt));
        }

        var content = await template.RenderAsync(new ReviewWaitingMail(app.Value.NetworkName, waiting.Count, fresh.Length, listed, accessLinks.Console, $"{accessLinks.Console}/settings"));
        var from = new Mailbox(mail.Value.From, string.IsNullOrEmpty(mail.Value.FromName) ? app.Value.NetworkName : mail.Value.FromName);
        var mailed = 0;
        foreach (var editor in await people.ListEditorsAsync(cancellationToken))
        {
            // Claimed before sending, so two runs never both mail one editor; given back when the send fails, so the next run does.
            var claim = $"batch-{batch}-{editor.PersonId}";
            if (!await store.WantsReviewMailAsync(editor.PersonId, cancellationToken) || !await store.TryClaimAsync(claim, now, cancellationToken))
            {
                continue;
            }

            try
            {
                await sender.SendAsync(new MailMessage(from, new Mailbox(editor.Address), content.Subject, content.Html, content.Text), cancellationToken);
            }
            catch
            {
                await store.ReleaseAsync(claim, CancellationToken.None);
                throw;
            }

            mailed++;
        }

        await store.SaveAnnouncedAsync(waiting.Select(u => u.Id).ToArray(), now, cancellationToken);
        LogMailed(waiting.Count, fresh.Length, mailed);
        return new ReminderOutcome(waiting.Count, fresh.Length, mailed);
    }

    /// <summary>Whether the editor gets these mails.</summary>
    public Task<bool> WantsAsync(string personId, CancellationToken cancellationToken) => store.WantsReviewMailAsync(personId, cancellationToken);

    /// <summary>The editor's own choice, from the console's settings page.</summary>
    public Task ChooseAsync(string personId, bool wanted, CancellationToken cancellationToken) => store.SaveReviewMailAsync(personId, wanted, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Review reminder: {Waiting} waiting, {New} new since the last one, mailed to {Mailed} editor(s)")]
    private partial void LogMailed(int waiting, int @new, int mailed);
}
