using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET and POST /console/settings: an editor's own mail choice (the review-waiting mail); a saved choice answers 303 back to the page.</summary>
public sealed class ConsoleSettings(ConsoleAccess access, ReviewReminders reminders, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleSettings))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "console/settings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            // An unticked box sends nothing: anything but "on" turns the mail off.
            await reminders.ChooseAsync(console.Person.Id, console.Form["review"] == "on", cancellationToken);
            return new SeeOther($"{links.Settings}?saved=1");
        }

        return await pages.PageAsync<SettingsPage, SettingsPageModel>(new SettingsPageModel(console.Console,
            await reminders.WantsAsync(console.Person.Id, cancellationToken), Saved: request.Query["saved"] == "1"));
    }
}
