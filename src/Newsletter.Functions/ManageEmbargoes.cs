using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Embargoes;

namespace Newsletter.Functions;

/// <summary>
/// GET /api/manage/embargoes: the scheduled updates (soonest lift first), and first of all the updates still pending
/// review whose embargo lifts within a day or has lifted: they were meant to be public by then.
/// </summary>
public sealed class ListEmbargoes(EmbargoService embargoes)
{
    public static readonly TimeSpan FlagWithin = TimeSpan.FromDays(1);

    [Function(nameof(ListEmbargoes))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/embargoes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var pending = await embargoes.PendingLiftsAsync(FlagWithin, cancellationToken);
        var scheduled = await embargoes.ScheduledAsync(null, cancellationToken);
        return ApiResults.Json(new { pendingReviewLiftingSoon = pending.Select(u => ApiResults.Update(u)), scheduled = scheduled.Select(u => ApiResults.Update(u)) });
    }
}

/// <summary>POST /api/manage/updates/{updateId}/embargo with <c>{"embargo": "2026-03-12T10:00:00+01:00"}</c>: moves the embargo.</summary>
public sealed class MoveEmbargo(EmbargoService embargoes)
{
    [Function(nameof(MoveEmbargo))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/embargo")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var (embargo, error) = await RequestFields.ReadAsync(request, "embargo", cancellationToken);
        return error ?? ApiResults.Embargo(await embargoes.MoveAsync(updateId, embargo ?? string.Empty, EmbargoActor.Editor(ApiResults.Actor(request)), cancellationToken));
    }
}

/// <summary>POST /api/manage/updates/{updateId}/lift: lifts the embargo now (a scheduled update is published at once).</summary>
public sealed class LiftEmbargo(EmbargoService embargoes)
{
    [Function(nameof(LiftEmbargo))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/lift")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken) =>
        ApiResults.Embargo(await embargoes.LiftAsync(updateId, EmbargoActor.Editor(ApiResults.Actor(request)), cancellationToken));
}

/// <summary>POST /api/manage/updates/{updateId}/withdraw with an optional <c>{"reason": "..."}</c>: it will never be published.</summary>
public sealed class WithdrawUpdate(EmbargoService embargoes)
{
    [Function(nameof(WithdrawUpdate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/withdraw")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var (reason, error) = await RequestFields.ReadAsync(request, "reason", cancellationToken);
        return error ?? ApiResults.Embargo(await embargoes.WithdrawAsync(updateId, EmbargoActor.Editor(ApiResults.Actor(request)), reason, cancellationToken));
    }
}
