using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Releases;

namespace Newsletter.Functions;

/// <summary>POST /api/members/{memberId}/releases: a member uploads a release with its API key.</summary>
public sealed class SubmitRelease(ReleaseSubmission submission)
{
    [Function(nameof(SubmitRelease))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases")] HttpRequest request,
        string memberId,
        CancellationToken cancellationToken)
    {
        var (member, failure) = await submission.AuthenticateAsync(memberId, request.Headers["X-Api-Key"], cancellationToken);
        if (failure is not null)
        {
            return ApiResults.Error(failure.Status, failure.Error!, failure.Message!);
        }

        var result = await submission.SubmitAsync(member!, request.Body, request.ContentLength, request.Query["filename"], request.ContentType, cancellationToken);
        if (result.Record is null)
        {
            return ApiResults.Error(result.Status, result.Error!, result.Message!);
        }

        var location = $"/api/members/{member!.Id}/releases/{result.Record.ReleaseId}";
        return new AcceptedResult(location, ApiResults.Release(result.Record));
    }
}
