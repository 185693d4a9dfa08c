using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Releases;

namespace Newsletter.Functions;

/// <summary>GET /api/members/{memberId}/releases/{releaseId}: where a member's upload stands.</summary>
public sealed class GetRelease(ReleaseSubmission submission)
{
    [Function(nameof(GetRelease))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{memberId}/releases/{releaseId}")] HttpRequest request,
        string memberId,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var result = await submission.StatusAsync(memberId, request.Headers["X-Api-Key"], releaseId, cancellationToken);
        return result.Outcome == SubmissionOutcome.Found ? ApiResults.Json(ApiResults.Release(result.Record!)) : ApiResults.Error(result);
    }
}
