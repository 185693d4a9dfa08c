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
        var caller = await submission.AuthenticateAsync(memberId, request.Headers["X-Api-Key"], cancellationToken);
        if (caller.Member is not { } member)
        {
            return ApiResults.Error(caller);
        }

        var result = await submission.StatusAsync(member, releaseId, cancellationToken);
        return result.Outcome == SubmissionOutcome.Found ? ApiResults.Json(ApiResults.Release(result.Record!)) : ApiResults.Error(result);
    }
}
