using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Media;
using Newsletter.Core.Releases;

namespace Newsletter.Functions;

/// <summary>
/// POST /api/members/{memberId}/releases/{releaseId}/image with <c>{"caption", "credit", "licence", "alt"}</c>: the member
/// completes its update's image (an e-mail's picture waits for this before it is shown) or changes its details; once
/// editors approved the update, 409 unless the member is auto-publish. Recorded as done by the member's API key.
/// </summary>
public sealed class CompleteReleaseImage(ReleaseSubmission submission, ImageDetailsService images)
{
    [Function(nameof(CompleteReleaseImage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases/{releaseId}/image")] HttpRequest request,
        string memberId,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var status = await submission.StatusAsync(memberId, request.Headers["X-Api-Key"], releaseId, cancellationToken);
        if (status is not { Outcome: SubmissionOutcome.Found, Member: { } member })
        {
            return ApiResults.Error(status);
        }

        if (status.Record!.UpdateId is not { } updateId)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "no_update", $"The release is {ReleaseStates.Name(status.Record.State)}; it has no update with an image.");
        }

        return await ImageDetailsRequest.CompleteAsync(request, images, updateId, ImageActor.ForMember($"{member.Id} (API key)", member), cancellationToken);
    }
}

/// <summary>POST /api/manage/updates/{updateId}/image with <c>{"caption", "credit", "licence", "alt"}</c>: an editor completes or corrects an update's image details.</summary>
public sealed class CompleteUpdateImage(ImageDetailsService images)
{
    [Function(nameof(CompleteUpdateImage))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/image")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken) =>
        ImageDetailsRequest.CompleteAsync(request, images, updateId, ImageActor.Editor(ApiResults.Actor(request)), cancellationToken);
}

/// <summary>Reads the details from a small JSON body and answers as the API does.</summary>
internal static class ImageDetailsRequest
{
    private const int MaxBodyBytes = 16 * 1024;

    public static async Task<IActionResult> CompleteAsync(HttpRequest request, ImageDetailsService images, string updateId, ImageActor actor, CancellationToken cancellationToken)
    {
        var content = request.ContentLength > MaxBodyBytes ? null : await LimitedReader.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (content is null)
        {
            return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, "too_large", $"The image's details fit in {MaxBodyBytes:N0} bytes.");
        }

        string? Field(JsonElement body, string name) =>
            body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(content);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            root = default;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "Send {\"caption\": \"...\", \"credit\": \"...\", \"licence\": \"cc-by-4.0\", \"alt\": \"...\"} as JSON.");
        }

        var result = await images.CompleteAsync(updateId, actor, Field(root, "caption"), Field(root, "credit"), Field(root, "licence"), Field(root, "alt"), cancellationToken);
        return result.Outcome switch
        {
            ImageCompletionOutcome.Done => ApiResults.Json(ApiResults.Update(result.Update!)),
            ImageCompletionOutcome.UnknownUpdate => ApiResults.Error(StatusCodes.Status404NotFound, "unknown_update", "There is no such update with an image to complete."),
            ImageCompletionOutcome.Approved => ApiResults.Error(StatusCodes.Status409Conflict, result.Refusal!.Code, result.Refusal.Message),
            ImageCompletionOutcome.NoImage => ApiResults.Error(StatusCodes.Status409Conflict, "no_image", "The update has no image; send one with the release."),
            _ => ApiResults.Error(StatusCodes.Status400BadRequest, result.Refusal!.Code.Replace('-', '_'), result.Refusal.Message),
        };
    }
}
