using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Releases;

/// <summary>What became of one incoming upload.</summary>
/// <remarks><see cref="SenderAddress"/>: an e-mail upload's From, unchecked, so its notices can go to the contact who sent it.</remarks>
public sealed record IngestionOutcome(ReleaseRecord Record, Update? Update, string? SenderAddress = null);

/// <summary>
/// Turns an upload waiting in the incoming area into an update, or moves it to quarantine with its
/// reason. Safe to run again for the same upload at any point (a crash, a redelivered trigger): the
/// update's id comes from its content, so a retry finds the update it created and finishes the move.
/// </summary>
public sealed partial class ReleaseIngestion(
    IReleaseFiles files,
    IReleaseLog log,
    IMemberStore members,
    IUpdateStore updates,
    MediaLibrary media,
    IOptions<IngestionOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    NewsletterMetrics metrics,
    ILogger<ReleaseIngestion> logger)
{
    public const string SystemActor = "system";

    /// <summary>The warning of a duplicate upload that came with an image: the image is not used.</summary>
    public const string DroppedImage = "The image sent with this upload is not used: the same text is already in, so nothing of this upload is published.";

    /// <summary>
    /// The warning of an upload whose text another member already sent, and which is no longer in review or public (rejected,
    /// withdrawn): it is not published; which update holds it is that member's business.
    /// </summary>
    public const string OtherMembersText = "The same text was already sent by another member of the network, so it is not published twice; if it is a joint release, ask the editors.";

    /// <summary>The warning of a joint release: another member sent the same text first, and this upload is recorded on that one update.</summary>
    public const string JointText = "The same text was already sent by another member of the network (a joint release): it is one update, reviewed and published once, and this release follows its status; you are told when it is published. Its editors' decisions and changes are made on the other member's release.";

    /// <summary>
    /// Ingests the upload at the blob trigger's path <c>{memberId}/{file}</c>. <paramref name="open"/> opens the upload
    /// as the trigger gave it; it is called only once the names are known to be safe (null: open it by name).
    /// </summary>
    public Task<IngestionOutcome?> IngestPathAsync(string path, Func<CancellationToken, Task<IncomingFile?>>? open, CancellationToken cancellationToken)
    {
        var (memberId, fileName) = UploadNames.Split(path);
        return IngestAsync(memberId, fileName, open, cancellationToken);
    }

    public Task<IngestionOutcome?> IngestAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
        IngestAsync(memberId, fileName, null, cancellationToken);

    private async Task<IngestionOutcome?> IngestAsync(string memberId, string fileName, Func<CancellationToken, Task<IncomingFile?>>? open, CancellationToken cancellationToken)
    {
        // First of all: nothing is opened, read or moved under a name that could address another blob.
        if (!UploadNames.AreSafe(memberId, fileName))
        {
            return await RejectUnsafeNameAsync(memberId.Length == 0 ? fileName : $"{memberId}/{fileName}", cancellationToken);
        }

        await using var file = open is null ? await files.OpenIncomingAsync(memberId, fileName, cancellationToken) : await open(cancellationToken);
        if (file is null)
        {
            LogAlreadyProcessed(memberId, fileName);
            return null;
        }

        var record = new ReleaseRecord
        {
            MemberId = memberId,
            ReleaseId = file.ReleaseId ?? ReleaseIdFor(memberId, fileName, file.Version),
            FileName = fileName,
            State = ReleaseState.Processing,
            ReceivedAt = file.ReceivedAt,
        };

        var member = MemberIds.IsValid(memberId) ? await members.GetAsync(memberId, cancellationToken) : null;
        if (member is null)
        {
            return await RejectAsync(record, new Rejection(RejectionCodes.UnknownMember,
                $"'{memberId}' is not a member of the network; uploads go to incoming/{{memberId}}/{{file}}."), cancellationToken);
        }

        var content = await LimitedReader.ReadAsync(file.Content, options.Value.MaxUploadBytes, cancellationToken);
        if (content is null)
        {
            return await RejectAsync(record, new Rejection(RejectionCodes.TooLarge,
                $"The upload is larger than the limit of {options.Value.MaxUploadBytes:N0} bytes."), cancellationToken);
        }

        var result = Parse(content, fileName, file.ContentType, UploadContext.For(member), cancellationToken);
        if (!result.Accepted)
        {
            return await RejectAsync(record, result.Rejection!, cancellationToken);
        }

        var now = time.GetUtcNow();
        var parsed = result.Release!;
        var embargo = EmbargoRules.Decide(parsed.EmbargoField, file.Embargo, parsed.EmbargoLines, app.Value.Zone, now);
        if (embargo.Rejection is { } refused)
        {
            return await RejectAsync(record, refused, cancellationToken);
        }

        var status = !member.AutoPublish || embargo.HoldReason is not null ? UpdateStatus.PendingReview
            : embargo.Embargo is not null ? UpdateStatus.Scheduled
            : UpdateStatus.Published;
        var warnings = embargo.HoldReason is { } hold ? [.. parsed.Warnings, .. embargo.Warnings, hold] : parsed.Warnings.Concat(embargo.Warnings).ToArray();
        var why = embargo.HoldReason is not null ? "embargo not understood" : member.AutoPublish ? "auto-publish member" : "awaiting review";
        var update = Update.FromRelease(parsed, member, record.ReleaseId, parsed.Date ?? DateOnly.FromDateTime(file.ReceivedAt.UtcDateTime),
            status, SystemActor, why, now) with { Warnings = warnings, Embargo = embargo.Embargo };

        // The image's files go under the update's id before the update names them; a bad image is a warning, never a rejection.
        var (withImage, imageWarnings) = await media.AttachAsync(update, memberId, record.ReleaseId, parsed.ImageCandidate, cancellationToken);
        var textWarnings = warnings;
        warnings = [.. warnings, .. imageWarnings];
        update = withImage with { Warnings = warnings };

        if (!await updates.TryAddAsync(update, cancellationToken))
        {
            var existing = await updates.GetAsync(update.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Update {update.Id} exists and cannot be read.");
            if (existing.ReleaseId != record.ReleaseId)
            {
                await media.ForgetDuplicateAsync(update, existing, cancellationToken);

                var own = existing.MemberId == memberId;
                if (!own && existing.Status is UpdateStatus.PendingReview or UpdateStatus.Scheduled or UpdateStatus.Published)
                {
                    // A joint release: the second member's upload joins the one update, so readers get it once and
                    // the member follows it (status, My releases, mails); the update stays the first member's to change.
                    existing = await JoinAsync(existing, memberId, record.ReleaseId, now, cancellationToken);

                    // The member's own earlier upload of the text joined it already: this one is a duplicate, as for the first member.
                    own = existing.AlsoSubmittedBy.First(c => c.MemberId == memberId).ReleaseId != record.ReleaseId;
                }

                if (!own && existing.AlsoSubmittedBy.Any(c => c.MemberId == memberId && c.ReleaseId == record.ReleaseId))
                {
                    string[] jointWarnings = [.. textWarnings, .. update.Image is null ? imageWarnings : [DroppedImage], JointText];
                    record = record with { State = ReleaseStates.Of(existing.Status), UpdateId = existing.Id, Warnings = jointWarnings, CompletedAt = now };
                    await KeepAsync(record, cancellationToken);
                    LogJoint(record.ReleaseId, memberId, existing.Id, existing.MemberId);
                    return new IngestionOutcome(record, existing, parsed.SenderAddress);
                }

                // Another member's update, no longer in review or public: the uploader learns that the text is in, never which update holds it.
                string[] duplicateWarnings = [.. textWarnings,
                    .. update.Image is null ? imageWarnings : [DroppedImage],
                    .. own ? Array.Empty<string>() : [OtherMembersText]];
                record = record with { State = ReleaseState.Duplicate, UpdateId = own ? existing.Id : null, Warnings = duplicateWarnings, CompletedAt = now };
                await KeepAsync(record, cancellationToken);
                LogDuplicate(record.ReleaseId, memberId, existing.Id);
                return new IngestionOutcome(record, own ? existing : null);
            }

            // A retry of this very upload: the update was created before the interruption.
            update = existing;
        }

        record = record with
        {
            State = ReleaseStates.Of(update.Status),
            UpdateId = update.Id,
            Warnings = warnings,
            CompletedAt = now,
        };
        await KeepAsync(record, cancellationToken);
        LogIngested(update.Id, memberId, ReleaseStates.Name(record.State));
        return new IngestionOutcome(record, update, parsed.SenderAddress);
    }

    /// <summary>Logs an accepted upload's outcome, then moves its original to the archive and drops its staged image.</summary>
    private async Task KeepAsync(ReleaseRecord record, CancellationToken cancellationToken)
    {
        await log.SaveAsync(record, cancellationToken);
        await files.ArchiveAsync(record.MemberId, record.FileName, record.ReleaseId, cancellationToken);
        await media.DiscardStagedAsync(record.MemberId, record.ReleaseId, cancellationToken);
        metrics.Upload(record);
    }

    /// <summary>
    /// Records <paramref name="memberId"/>'s upload on the update of the same text (once, however often the trigger runs),
    /// reading it again when an editor or another upload changed it meanwhile.
    /// </summary>
    private async Task<Update> JoinAsync(Update update, string memberId, string releaseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (update.AlsoSubmittedBy.Any(c => c.MemberId == memberId))
            {
                return update;
            }

            try
            {
                var joined = update with { AlsoSubmittedBy = [.. update.AlsoSubmittedBy, new CoSubmission(memberId, releaseId, now)] };
                await updates.SaveAsync(joined, cancellationToken);
                return joined;
            }
            catch (ConflictException) when (attempt < 5)
            {
                update = await updates.GetAsync(update.Id, cancellationToken) ?? throw new InvalidOperationException($"Update {update.Id} exists and cannot be read.");
            }
        }
    }

    /// <summary>Parses within the upload's time budget; a host shutting down stops it without a verdict, to be retried.</summary>
    private ParseResult Parse(byte[] content, string fileName, string? contentType, UploadContext context, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.Value.ParseBudget, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        var result = ReleaseParser.Parse(content, fileName, contentType, context, both.Token);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    /// <summary>
    /// The release id of an upload dropped straight into the incoming container: the same for every retry
    /// of that upload, different for a later upload under the same name.
    /// </summary>
    public static string ReleaseIdFor(string memberId, string fileName, string version) =>
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId}/{fileName}@{version}")))[..20];

    private async Task<IngestionOutcome> RejectUnsafeNameAsync(string path, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shown = UploadNames.Describe(path);
        var record = new ReleaseRecord
        {
            MemberId = UploadNames.UnsafeFolder,

            // The same for every delivery of the same path, so a redelivered trigger rewrites one record.
            ReleaseId = ReleaseIdFor(UploadNames.UnsafeFolder, path, "unsafe"),
            FileName = shown,
            State = ReleaseState.Rejected,
            Rejection = new Rejection(RejectionCodes.UnsafeName,
                $"The upload's path '{shown}' is not {{memberId}}/{{file}} with plain names (no '/', '\\', '..', control characters or trailing dots; a file name of at most {UploadNames.MaxFileNameLength} characters); it was not read."),
            ReceivedAt = now,
            CompletedAt = now,
        };
        await log.SaveAsync(record, cancellationToken);
        await files.KeepUnsafeAsync(record, path, cancellationToken);
        LogRejected(record.ReleaseId, record.MemberId, RejectionCodes.UnsafeName, record.Rejection.Message);
        return new IngestionOutcome(record, null);
    }

    private async Task<IngestionOutcome> RejectAsync(ReleaseRecord record, Rejection rejection, CancellationToken cancellationToken)
    {
        record = record with { State = ReleaseState.Rejected, Rejection = rejection, CompletedAt = time.GetUtcNow() };
        await log.SaveAsync(record, cancellationToken);
        await files.QuarantineAsync(record.MemberId, record.FileName, record, cancellationToken);
        await media.DiscardStagedAsync(record.MemberId, record.ReleaseId, cancellationToken);
        LogRejected(record.ReleaseId, record.MemberId, rejection.Code, rejection.Message);
        metrics.Upload(record);
        return new IngestionOutcome(record, null);
    }

    [LoggerMessage(LogLevel.Information, "Ingested {UpdateId} from {MemberId} as {State}")]
    private partial void LogIngested(string updateId, string memberId, string state);

    [LoggerMessage(LogLevel.Information, "Release {ReleaseId} from {MemberId} duplicates {UpdateId}; not published twice")]
    private partial void LogDuplicate(string releaseId, string memberId, string updateId);

    [LoggerMessage(LogLevel.Information, "Release {ReleaseId} from {MemberId} is a joint release of {UpdateId} (from {OwnerId}); recorded on it")]
    private partial void LogJoint(string releaseId, string memberId, string updateId, string ownerId);

    [LoggerMessage(LogLevel.Warning, "Rejected release {ReleaseId} from {MemberId}: {Code} {Reason}")]
    private partial void LogRejected(string releaseId, string memberId, string code, string reason);

    [LoggerMessage(LogLevel.Information, "Upload {MemberId}/{FileName} is no longer in incoming; already processed")]
    private partial void LogAlreadyProcessed(string memberId, string fileName);
}
