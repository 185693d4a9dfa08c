using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>POST /preferences/erase?token=... with <c>confirm=yes</c>: erases the reader's personal data.</summary>
public sealed class EraseData(DataRightsService subscriptions, SubscriptionPages pages)
{
    [Function(nameof(EraseData))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "preferences/erase")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = await RequestReader.FormAsync(request, cancellationToken);
        return string.Equals(form["confirm"].FirstOrDefault(), "yes", StringComparison.Ordinal)
            ? await pages.ErasedAsync(await subscriptions.EraseAsync(RequestReader.Token(request), cancellationToken))
            : await pages.EraseNeedsConfirmationAsync();
    }
}
