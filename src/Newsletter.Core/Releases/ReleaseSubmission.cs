using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Releases;

/// <summary>How a member's request through the HTTP door ended; the function classes map it to an HTTP status.</summary>
public enum SubmissionOutcome
{
    /// <summary>The member and key are valid (<see cref="SubmissionResult.Member"/>).</summary>
    Authenticated,

    /// <summary>The upload is stored in the incoming area and will be ingested (<see cref="SubmissionResult.Record"/>).</summary>
    Accepted,

    /// <summary>The release's record (<see cref="SubmissionResult.Record"/>).</summary>
    Found,
    UnknownMember,
    InvalidApiKey,
    TooLarge,
    UnsupportedFormat,
    UnknownRelease,

    /// <summary>The <c>embargo</c> given with the upload cannot be used; nothing was kept.</summary>
    InvalidEmbargo,

    /// <summary>The upload could not be stored; nothing was kept, the member should send it again.</summary>
    StorageUnavailable,
}

/// <summary>
/// The answer to a member's request: the outcome, what it found, and for a failure a stable error code
/// (<c>unknown_member</c>, <c>too_large</c>...) with a message for people.
/// </summary>
public sealed record SubmissionResult(SubmissionOutcome Outcome, ReleaseRecord? Record = null, Member? Member = null, string? Error = null, string? Message = null)
{
    /// <summary>What the member should know about an accepted upload now: an image that will not be used, and why.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static SubmissionResult Failure(SubmissionOutcome outcome, string error, string message) => new(outcome, Error: error, Message: message);
}

/// <summary>
/// The HTTP door for members: checks the member and key, enforces the size limit while reading,
/// and places the upload in the incoming area, where the same pipeline as for blob uploads takes it.
/// </summary>
public sealed class ReleaseSubmission(
    IReleaseFiles files, IReleaseLog log, IMemberStore members, IUpdateStore updates, MediaLibrary media, IOptions<IngestionOptions> options,
    IOptions<AppOptions> app, TimeProvider time)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary><see cref="SubmissionOutcome.Authenticated"/> with the member, if the id names one and the key is one of its active keys; else the failure.</summary>
    public async Task<SubmissionResult> AuthenticateAsync(string memberId, string? apiKey, CancellationToken cancellationToken)
    {
        var member = MemberIds.IsValid(memberId) ? await members.GetAsync(memberId, cancellationToken) : null;
        if (member is null)
        {
            return SubmissionResult.Failure(SubmissionOutcome.UnknownMember, "unknown_member", $"There is no member '{TextCleaner.SingleLine(memberId, 64)}'.");
        }

        return MemberService.Verify(member, apiKey)
            ? new SubmissionResult(SubmissionOutcome.Authenticated, Member: member)
            : SubmissionResult.Failure(SubmissionOutcome.InvalidApiKey, "invalid_api_key", "Send a valid API key of this member in the X-Api-Key header.");
    }

    public Task<SubmissionResult> SubmitAsync(Member member, Stream body, long? declaredLength, string? fileName, string? contentType, CancellationToken cancellationToken) =>
        SubmitAsync(member, body, declaredLength, fileName, contentType, null, cancellationToken);

    /// <summary>
    /// Stores the upload for ingestion. <paramref name="embargo"/> (ISO 8601 with an offset, or a local time in
    /// <c>App:TimeZone</c>) is checked first: one that cannot be used is refused before the body is read.
    /// </summary>
    public Task<SubmissionResult> SubmitAsync(Member member, Stream body, long? declaredLength, string? fileName, string? contentType, string? embargo,
        CancellationToken cancellationToken) =>
        SubmitAsync(member, body, declaredLength, fileName, contentType, embargo, null, cancellationToken);

    /// <summary>
    /// As above, with the release's <paramref name="image"/>: checked and cleaned now, and kept for the update before the upload
    /// lands (ingestion may start at once). An image that cannot be used costs only the image: the upload goes on, with a warning.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(Member member, Stream body, long? declaredLength, string? fileName, string? contentType, string? embargo,
        ImageUpload? image, CancellationToken cancellationToken)
    {
        if (declaredLength > MaxUploadBytes)
        {
            return TooLarge();
        }

        DateTimeOffset? embargoAt = null;
        if (!string.IsNullOrWhiteSpace(embargo))
        {
            var decision = EmbargoRules.FromReading(EmbargoText.Read(embargo, app.Value.Zone), "The embargo", time.GetUtcNow());
            if (decision.Rejection is { } refused)
            {
                return SubmissionResult.Failure(SubmissionOutcome.InvalidEmbargo, refused.Code.Replace('-', '_'), refused.Message);
            }

            embargoAt = decision.Embargo;
        }

        var format = ReleaseFormats.Detect(fileName, contentType);
        if (format is null)
        {
            return SubmissionResult.Failure(SubmissionOutcome.UnsupportedFormat, "unsupported_format",
                $"Say the format with ?filename=release.txt ({ReleaseFormats.ExtensionList}) or a Content-Type such as text/plain, text/markdown, text/html, message/rfc822, application/json or {ReleaseFormats.WordContentType}.");
        }

        var content = await LimitedReader.ReadAsync(body, MaxUploadBytes, cancellationToken);
        if (content is null)
        {
            return TooLarge();
        }

        var releaseId = "r" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var storedName = releaseId + "-" + SafeFileName(fileName, format.Value);
        var record = new ReleaseRecord
        {
            MemberId = member.Id,
            ReleaseId = releaseId,
            FileName = storedName,
            State = ReleaseState.Processing,
            ReceivedAt = time.GetUtcNow(),
        };

        // Logged before the upload lands, so the status URL answers as soon as the member has it; if the upload
        // then cannot be stored, the record says so instead of staying "processing" (and StatusAsync reconciles
        // a record left behind by a crash between the two writes).
        await log.SaveAsync(record, cancellationToken);
        string? imageWarning = null;
        try
        {
            if (image is not null)
            {
                imageWarning = await media.StageAsync(member.Id, releaseId, image, cancellationToken);
            }

            using var stream = new MemoryStream(content, writable: false);
            await files.SaveIncomingAsync(member.Id, storedName, stream, contentType, releaseId, embargoAt, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever storage throws, the member gets a clear answer and the record its end.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await log.SaveAsync(NotReceived(record), CancellationToken.None);
            return SubmissionResult.Failure(SubmissionOutcome.StorageUnavailable, "storage_unavailable", "The upload could not be stored and nothing was kept; send it again.");
        }

        return new SubmissionResult(SubmissionOutcome.Accepted, record) { Warnings = imageWarning is null ? [] : [imageWarning] };
    }

    /// <summary>
    /// A member's release as its API key sees it: the authentication's failure, or <see cref="StatusAsync(Member, string, CancellationToken)"/>
    /// with the member (<see cref="SubmissionResult.Member"/>) beside the record.
    /// </summary>
    public async Task<SubmissionResult> StatusAsync(string memberId, string? apiKey, string releaseId, CancellationToken cancellationToken)
    {
        var caller = await AuthenticateAsync(memberId, apiKey, cancellationToken);
        return caller.Member is { } member ? await StatusAsync(member, releaseId, cancellationToken) with { Member = member } : caller;
    }

    /// <summary>The upload's state; once it became an update, that update's current status (after review).</summary>
    public async Task<SubmissionResult> StatusAsync(Member member, string releaseId, CancellationToken cancellationToken)
    {
        var record = await log.GetAsync(member.Id, releaseId, cancellationToken);
        if (record is null)
        {
            return SubmissionResult.Failure(SubmissionOutcome.UnknownRelease, "unknown_release", $"Member '{member.Id}' has no release '{TextCleaner.SingleLine(releaseId, 40)}'.");
        }

        if (record.State == ReleaseState.Processing && time.GetUtcNow() - record.ReceivedAt > StaleAfter
            && !await files.IncomingExistsAsync(record.MemberId, record.FileName, cancellationToken))
        {
            // Still "processing" long after it arrived, yet not waiting in incoming: the upload never landed.
            record = NotReceived(record);
            await log.SaveAsync(record, cancellationToken);
        }

        if (record.UpdateId is { } updateId && record.State is ReleaseState.Published or ReleaseState.PendingReview or ReleaseState.Scheduled
            && await updates.GetAsync(updateId, cancellationToken) is { } update)
        {
            var lastReason = update.History.Count > 0 ? update.History[^1].Reason : null;
            record = update.Status switch
            {
                UpdateStatus.Rejected => record with
                {
                    State = ReleaseState.Rejected,
                    Rejection = new Rejection(RejectionCodes.RejectedByEditor, lastReason ?? "Rejected by an editor."),
                },
                UpdateStatus.Withdrawn => record with
                {
                    State = ReleaseState.Withdrawn,
                    Rejection = new Rejection(RejectionCodes.Withdrawn, lastReason ?? "Withdrawn before it was published."),
                },
                _ => record with { State = ReleaseStates.Of(update.Status), Embargo = update.Embargo },
            };
        }

        return new SubmissionResult(SubmissionOutcome.Found, record);
    }

    /// <summary>How long an upload may stay "processing" before a status request checks that it really arrived.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    private ReleaseRecord NotReceived(ReleaseRecord record) => record with
    {
        State = ReleaseState.Rejected,
        Rejection = new Rejection(RejectionCodes.NotReceived, "The upload did not reach storage and nothing was kept; send it again."),
        CompletedAt = time.GetUtcNow(),
    };

    public SubmissionResult TooLarge() =>
        SubmissionResult.Failure(SubmissionOutcome.TooLarge, "too_large", $"Uploads may be at most {MaxUploadBytes:N0} bytes.");

    private static string SafeFileName(string? fileName, ReleaseFormat format)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "release");
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-', '.');
        if (safe.Length == 0)
        {
            safe = "release";
        }

        return (safe.Length > 80 ? safe[..80] : safe) + ReleaseFormats.Extension(format);
    }
}
