using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Releases;

/// <summary>The answer to a member's upload or status request, with the HTTP status it maps to.</summary>
public sealed record SubmissionResult(int Status, string? Error = null, string? Message = null, ReleaseRecord? Record = null);

/// <summary>
/// The HTTP door for members: checks the member and key, enforces the size limit while reading,
/// and places the upload in the incoming area, where the same pipeline as for blob uploads takes it.
/// </summary>
public sealed class ReleaseSubmission(IReleaseFiles files, IReleaseLog log, IMemberStore members, IUpdateStore updates, IOptions<IngestionOptions> options, TimeProvider time)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>The member, if the id names one and the key is one of its active keys; else the failure.</summary>
    public async Task<(Member? Member, SubmissionResult? Failure)> AuthenticateAsync(string memberId, string? apiKey, CancellationToken cancellationToken)
    {
        var member = MemberIds.IsValid(memberId) ? await members.GetAsync(memberId, cancellationToken) : null;
        if (member is null)
        {
            return (null, new SubmissionResult(404, "unknown_member", $"There is no member '{TextCleaner.SingleLine(memberId, 64)}'."));
        }

        return MemberService.Verify(member, apiKey)
            ? (member, null)
            : (null, new SubmissionResult(401, "invalid_api_key", "Send a valid API key of this member in the X-Api-Key header."));
    }

    public async Task<SubmissionResult> SubmitAsync(Member member, Stream body, long? declaredLength, string? fileName, string? contentType, CancellationToken cancellationToken)
    {
        if (declaredLength > MaxUploadBytes)
        {
            return TooLarge();
        }

        var format = ReleaseFormats.Detect(fileName, contentType);
        if (format is null)
        {
            return new SubmissionResult(415, "unsupported_format",
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

        // Logged before the upload lands, so the status URL answers as soon as the member has it.
        await log.SaveAsync(record, cancellationToken);
        using var stream = new MemoryStream(content, writable: false);
        await files.SaveIncomingAsync(member.Id, storedName, stream, contentType, releaseId, cancellationToken);
        return new SubmissionResult(202, Record: record);
    }

    /// <summary>The upload's state; once it became an update, that update's current status (after review).</summary>
    public async Task<SubmissionResult> StatusAsync(Member member, string releaseId, CancellationToken cancellationToken)
    {
        var record = await log.GetAsync(member.Id, releaseId, cancellationToken);
        if (record is null)
        {
            return new SubmissionResult(404, "unknown_release", $"Member '{member.Id}' has no release '{TextCleaner.SingleLine(releaseId, 40)}'.");
        }

        if (record.UpdateId is { } updateId && record.State is ReleaseState.Published or ReleaseState.PendingReview
            && await updates.GetAsync(updateId, cancellationToken) is { } update)
        {
            record = update.Status switch
            {
                UpdateStatus.Published => record with { State = ReleaseState.Published },
                UpdateStatus.PendingReview => record with { State = ReleaseState.PendingReview },
                _ => record with
                {
                    State = ReleaseState.Rejected,
                    Rejection = new Rejection(RejectionCodes.RejectedByEditor, (update.History.Count > 0 ? update.History[^1].Reason : null) ?? "Rejected by an editor."),
                },
            };
        }

        return new SubmissionResult(200, Record: record);
    }

    private SubmissionResult TooLarge() =>
        new(413, "too_large", $"Uploads may be at most {MaxUploadBytes:N0} bytes.");

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
