using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Health;

namespace Newsletter.Functions;

/// <summary>
/// GET /api/health: whether blobs, queues and tables answer; 503 with a reason code per service when not
/// (<see cref="HealthReasons"/>). The endpoint is anonymous, so what storage said stays in the log.
/// </summary>
public sealed class Health(HealthService health)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return new JsonResult(new
        {
            report.Status,
            Storage = new
            {
                Status = report.Storage.Healthy ? "healthy" : "unhealthy",
                Blobs = Describe(report.Storage.Blobs),
                Queues = Describe(report.Storage.Queues),
                Tables = Describe(report.Storage.Tables),
            },
            report.Version,
            report.CheckedAt,
            report.LastHeartbeat,
        })
        {
            StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }

    private static object Describe(ServiceHealth service) =>
        service.Healthy ? new { Status = "ok" } : new { Status = "unavailable", service.Reason };
}
