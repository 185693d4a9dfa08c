using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Releases;

namespace Newsletter.Functions;

/// <summary>POST /api/members/{memberId}/releases/{releaseId}/embargo with <c>{"embargo": "..."}</c>: the member moves its embargo (API key) while it is scheduled.</summary>
public sealed class MoveMemberEmbargo(ReleaseSubmission submission, EmbargoService embargoes)
{
    [Function(nameof(MoveMemberEmbargo))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases/{releaseId}/embargo")] HttpRequest request,
        string memberId,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var (embargo, error) = await RequestFields.ReadAsync(request, "embargo", cancellationToken);
        return error ?? await MemberReleaseChange.RunAsync(submission, request, memberId, releaseId,
            (updateId, actor) => embargoes.MoveAsync(updateId, embargo ?? string.Empty, actor, cancellationToken), cancellationToken);
    }
}

/// <summary>POST /api/members/{memberId}/releases/{releaseId}/lift: the member publishes its scheduled update now.</summary>
public sealed class LiftMemberEmbargo(ReleaseSubmission submission, EmbargoService embargoes)
{
    [Function(nameof(LiftMemberEmbargo))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases/{releaseId}/lift")] HttpRequest request,
        string memberId,
        string releaseId,
        CancellationToken cancellationToken) =>
        MemberReleaseChange.RunAsync(submission, request, memberId, releaseId, (updateId, actor) => embargoes.LiftAsync(updateId, actor, cancellationToken), cancellationToken);
}

/// <summary>POST /api/members/{memberId}/releases/{releaseId}/withdraw with an optional <c>{"reason": "..."}</c>: the member withdraws its scheduled update.</summary>
public sealed class WithdrawMemberRelease(ReleaseSubmission submission, EmbargoService embargoes)
{
    [Function(nameof(WithdrawMemberRelease))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members/{memberId}/releases/{releaseId}/withdraw")] HttpRequest request,
        string memberId,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var (reason, error) = await RequestFields.ReadAsync(request, "reason", cancellationToken);
        return error ?? await MemberReleaseChange.RunAsync(submission, request, memberId, releaseId,
            (updateId, actor) => embargoes.WithdrawAsync(updateId, actor, reason, cancellationToken), cancellationToken);
    }
}

/// <summary>The member's key, its release, the update it became, then the change, acting as that member.</summary>
internal static class MemberReleaseChange
{
    public static async Task<IActionResult> RunAsync(ReleaseSubmission submission, HttpRequest request, string memberId, string releaseId,
        Func<string, EmbargoActor, Task<EmbargoResult>> change, CancellationToken cancellationToken)
    {
        var status = await submission.StatusAsync(memberId, request.Headers["X-Api-Key"], releaseId, cancellationToken);
        if (status is not { Outcome: SubmissionOutcome.Found, Member: { } member })
        {
            return ApiResults.Error(status);
        }

        return status.Record!.UpdateId is { } updateId
            ? ApiResults.Embargo(await change(updateId, EmbargoActor.ForMember($"{member.Id} (API key)", member.Id)))
            : ApiResults.Error(StatusCodes.Status409Conflict, "not_scheduled", $"The release is {ReleaseStates.Name(status.Record.State)}; it has no scheduled update to change.");
    }
}
