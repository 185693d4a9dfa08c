using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Media;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Functions.Http;

namespace Newsletter.Functions;

/// <summary>POST /api/members/{memberId}/releases: a member uploads a release with its API key.</summary>
public sealed class SubmitRelease(ReleaseSubmission submission, ReleaseNotices notices)
{
    [Function(nameof(SubmitRelease))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases")] HttpRequest request,
        string memberId,
        CancellationToken cancellationToken)
    {
        var caller = await submission.AuthenticateAsync(memberId, request.Headers["X-Api-Key"], cancellationToken);
        if (caller.Member is not { } member)
        {
            return ApiResults.Error(caller);
        }

        var embargo = request.Query.TryGetValue("embargo", out var given) ? given.ToString() : null;
        var fileName = request.Query["filename"].ToString();
        SubmissionResult result;
        if (ReleaseParts.IsMultipart(request))
        {
            // The file, its image and the image's details in one request; the whole body within both bounds.
            if (request.ContentLength > submission.MaxUploadBytes + ImagePipeline.MaxBytes + 64 * 1024)
            {
                return ApiResults.Error(submission.TooLarge());
            }

            var parts = await ReleaseParts.ReadAsync(request, submission.MaxUploadBytes, cancellationToken);
            if (parts is null)
            {
                return ApiResults.Error(submission.TooLarge());
            }

            if (parts.Problem is { } problem)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_multipart", problem);
            }

            fileName = fileName.Length > 0 ? fileName : parts.FileName ?? string.Empty;
            using var file = new MemoryStream(parts.Release!, writable: false);
            result = await submission.SubmitAsync(member, file, parts.Release!.Length, fileName, parts.ContentType, embargo ?? parts.Embargo, parts.Image, cancellationToken);
        }
        else
        {
            result = await submission.SubmitAsync(member, request.Body, request.ContentLength, fileName, request.ContentType, embargo, cancellationToken);
        }

        if (result.Outcome != SubmissionOutcome.Accepted)
        {
            return ApiResults.Error(result);
        }

        await notices.ReceivedAsync(member, result.Record!, Path.GetFileName(fileName) is { Length: > 0 } name ? name : "your upload", cancellationToken);
        return new AcceptedResult($"/api/members/{member.Id}/releases/{result.Record!.ReleaseId}", ApiResults.Release(result.Record, result.Warnings));
    }
}
