using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Functions;

/// <summary>The JSON shapes of the API: one place, so every function answers alike.</summary>
internal static class ApiResults
{
    public static JsonResult Error(int status, string code, string message) =>
        new(new { error = code, message }) { StatusCode = status };

    public static JsonResult Json(object value, int status = StatusCodes.Status200OK) => new(value) { StatusCode = status };

    /// <summary>A failed member request as its HTTP answer.</summary>
    public static JsonResult Error(SubmissionResult result) => Error(result.Outcome switch
    {
        SubmissionOutcome.UnknownMember or SubmissionOutcome.UnknownRelease => StatusCodes.Status404NotFound,
        SubmissionOutcome.InvalidApiKey => StatusCodes.Status401Unauthorized,
        SubmissionOutcome.TooLarge => StatusCodes.Status413PayloadTooLarge,
        SubmissionOutcome.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        SubmissionOutcome.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        SubmissionOutcome.InvalidEmbargo => StatusCodes.Status400BadRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "not a failure"),
    }, result.Error!, result.Message!);

    /// <summary>An editor's action as its HTTP answer: the update, or the failure.</summary>
    public static JsonResult Review(ReviewResult result) => result.Outcome switch
    {
        ReviewOutcome.Done => Json(Update(result.Update!)),
        ReviewOutcome.UnknownUpdate => Error(StatusCodes.Status404NotFound, result.Error!, result.Message!),
        ReviewOutcome.NotPending => Error(StatusCodes.Status409Conflict, result.Error!, result.Message!),
        ReviewOutcome.ReasonRequired => Error(StatusCodes.Status400BadRequest, result.Error!, result.Message!),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, null),
    };

    /// <summary>A test send as its HTTP answer: how many were mailed, or the failure.</summary>
    public static JsonResult TestSend(TestSendResult result) => result.Outcome switch
    {
        TestSendOutcome.Sent => Json(new { sent = result.Sent }),
        TestSendOutcome.InvalidAddresses or TestSendOutcome.InvalidAddress => Error(StatusCodes.Status400BadRequest, result.Error!, result.Message!),
        TestSendOutcome.UnknownEdition => Error(StatusCodes.Status404NotFound, result.Error!, result.Message!),
        TestSendOutcome.SuppressedAddress or TestSendOutcome.EmptyEdition => Error(StatusCodes.Status409Conflict, result.Error!, result.Message!),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, null),
    };

    /// <summary>A change of an embargo as its HTTP answer: the update, or the failure.</summary>
    public static JsonResult Embargo(EmbargoResult result) => result.Outcome switch
    {
        EmbargoOutcome.Done => Json(Update(result.Update!)),
        EmbargoOutcome.UnknownUpdate => Error(StatusCodes.Status404NotFound, result.Error!, result.Message!),
        EmbargoOutcome.NotAllowed => Error(StatusCodes.Status409Conflict, result.Error!, result.Message!),
        EmbargoOutcome.InvalidEmbargo => Error(StatusCodes.Status400BadRequest, result.Error!, result.Message!),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, null),
    };

    public static object Release(ReleaseRecord record, IReadOnlyList<string>? warnings = null) => new
    {
        record.ReleaseId,
        record.MemberId,
        Status = ReleaseStates.Name(record.State),
        record.UpdateId,
        File = record.FileName,
        Reason = record.Rejection is null ? null : new { record.Rejection.Code, record.Rejection.Message, Help = RejectionReasons.Of(record.Rejection.Code) },
        Warnings = warnings is { Count: > 0 } ? [.. record.Warnings, .. warnings] : record.Warnings,
        record.ReceivedAt,
        record.CompletedAt,
        record.Embargo,
    };

    public static object Update(Update update, bool withBody = false) => new
    {
        update.Id,
        update.MemberId,
        update.ReleaseId,
        AlsoSubmittedBy = update.AlsoSubmittedBy.Select(c => new { c.MemberId, c.ReleaseId, c.At }),
        update.Title,
        Date = update.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        update.Organisation,
        update.Summary,
        Status = UpdateStatuses.Name(update.Status),
        update.Topics,
        update.WordCount,
        update.Language,
        update.CanonicalUrl,
        update.Warnings,
        History = update.History.Select(h => new { h.At, h.Actor, h.From, h.To, h.Reason }),
        update.CreatedAt,
        update.PublishedAt,
        update.Embargo,
        Image = update.Image is { } image ? new
        {
            Complete = image.IsComplete,
            image.Details?.Caption,
            image.Details?.Credit,
            image.Details?.Licence,
            image.Details?.Alt,
            Sizes = image.Renditions.Select(r => new { Url = MediaLibrary.PathOf(update.Id, r), r.Width, r.Height }),
        } : null,
        BodyHtml = withBody ? update.BodyHtml : null,
        BodyText = withBody ? update.BodyText : null,
    };

    /// <summary>Who acts on the admin API. A function key names no person, so editors say who they are.</summary>
    public static string Actor(HttpRequest request)
    {
        var actor = Core.Releases.Parsing.TextCleaner.SingleLine(request.Headers["X-Actor"].ToString(), 100);
        return actor.Length > 0 ? actor : "editor";
    }
}
