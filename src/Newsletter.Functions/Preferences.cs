using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /preferences?token=...: the reader's choices. POST: save them, or unsubscribe.</summary>
public sealed class Preferences(PreferencesService preferences, UnsubscribeService unsubscribe, SubscriptionPages pages)
{
    [Function(nameof(Preferences))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "preferences")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestReader.Token(request);
        if (HttpMethods.IsGet(request.Method))
        {
            var shown = await preferences.GetPreferencesAsync(token, cancellationToken);
            return await pages.PreferencesAsync(string.Equals(request.Query["links"].FirstOrDefault(), "renewed", StringComparison.Ordinal) && shown.Status == PreferencesStatus.Shown
                ? shown with { Status = PreferencesStatus.LinksRenewed }
                : shown);
        }

        var form = await RequestReader.FormAsync(request, cancellationToken);
        var action = form["action"].FirstOrDefault();
        if (string.Equals(action, "unsubscribe", StringComparison.Ordinal))
        {
            return await pages.UnsubscribedAsync(await unsubscribe.UnsubscribeAsync(token, cancellationToken, TokenPurpose.Preferences));
        }

        if (string.Equals(action, "invalidate-links", StringComparison.Ordinal))
        {
            // To the page under its new address: the one in the address bar no longer works.
            var (url, problem) = await preferences.InvalidateLinksAsync(token, cancellationToken);
            return url is null ? await pages.PreferencesAsync(PreferencesResult.Fail(problem)) : new RedirectResult(url + "&links=renewed");
        }

        if (!string.Equals(action, "save", StringComparison.Ordinal))
        {
            // Only the page's own forms change anything: any other post is refused and the choices are shown as kept.
            var shown = await preferences.GetPreferencesAsync(token, cancellationToken);
            return await pages.PreferencesAsync(shown.Status == PreferencesStatus.Shown
                ? shown with { Status = PreferencesStatus.Invalid, Errors = new Dictionary<string, string> { [FormFields.Form] = "Nothing was changed. Please use the form below." } }
                : shown);
        }

        return await pages.PreferencesAsync(await preferences.UpdatePreferencesAsync(token, RequestReader.Preferences(form), cancellationToken));
    }
}
