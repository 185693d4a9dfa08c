using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;

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

        var result = await submission.SubmitAsync(member, request.Body, request.ContentLength, request.Query["filename"], request.ContentType,
            request.Query.TryGetValue("embargo", out var embargo) ? embargo.ToString() : null, cancellationToken);
        if (result.Outcome != SubmissionOutcome.Accepted)
        {
            return ApiResults.Error(result);
        }

        await notices.ReceivedAsync(member, result.Record!, Path.GetFileName(request.Query["filename"].ToString()) is { Length: > 0 } name ? name : "your upload", cancellationToken);
        return new AcceptedResult($"/api/members/{member.Id}/releases/{result.Record!.ReleaseId}", ApiResults.Release(result.Record));
    }
}
