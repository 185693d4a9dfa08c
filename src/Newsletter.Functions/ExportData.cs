using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /api/preferences/export?token=...: everything kept about the reader, as a JSON download.</summary>
public sealed class ExportData(DataRightsService subscriptions, SubscriptionPages pages)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [Function(nameof(ExportData))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/preferences/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (export, problem) = await subscriptions.ExportAsync(RequestReader.Token(request), cancellationToken);
        if (export is null)
        {
            return await pages.PreferencesAsync(PreferencesResult.Fail(problem));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileContentResult(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json")
        {
            FileDownloadName = "newsletter-data.json",
        };
    }
}
