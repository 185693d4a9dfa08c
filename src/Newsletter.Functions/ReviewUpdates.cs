using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Core.Updates;

namespace Newsletter.Functions;

// Editors' endpoints live under /api/manage: the Functions host reserves routes starting with "admin".

/// <summary>GET /api/manage/updates?status=pending-review: updates by status, newest first.</summary>
public sealed class ListUpdates(ReviewService review)
{
    [Function(nameof(ListUpdates))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/updates")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var requested = request.Query["status"].ToString();
        var status = UpdateStatuses.Parse(requested);
        if (requested.Length > 0 && status is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_status", "status must be pending-review, scheduled, published, rejected or withdrawn.");
        }

        var updates = await review.ListAsync(status, cancellationToken);
        return ApiResults.Json(new { updates = updates.Select(u => ApiResults.Update(u)) });
    }
}

/// <summary>POST /api/manage/updates/{updateId}/approve: publish an update waiting for review.</summary>
public sealed class ApproveUpdate(ReviewService review, EditorialService editorial)
{
    [Function(nameof(ApproveUpdate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/approve")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        return ApiResults.Review(await editorial.RecordAsync(await review.ApproveAsync(updateId, ApiResults.Actor(request), cancellationToken), cancellationToken));
    }
}

/// <summary>POST /api/manage/updates/{updateId}/reject with <c>{"reason": "..."}</c> (or a form field <c>reason</c>).</summary>
public sealed class RejectUpdate(ReviewService review, EditorialService editorial)
{
    [Function(nameof(RejectUpdate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/updates/{updateId}/reject")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var (reason, error) = await RequestFields.ReadAsync(request, "reason", cancellationToken);
        return error ?? ApiResults.Review(await editorial.RecordAsync(await review.RejectAsync(updateId, ApiResults.Actor(request), reason, cancellationToken), cancellationToken));
    }
}
