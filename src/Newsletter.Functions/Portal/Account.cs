using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>GET /portal/notifications: which release mails the contact gets.</summary>
public sealed class PortalNotifications(PortalAccess access, PortalAccount account, PageRenderer pages)
{
    [Function(nameof(PortalNotifications))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/notifications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        return visit is null
            ? refusal!
            : await pages.PageAsync<NotificationsPage, NotificationsModel>(new NotificationsModel(visit.Frame, await account.NoticeSettingsAsync(visit.Person, cancellationToken)));
    }
}

/// <summary>POST /portal/notifications: saves the contact's choice (unticked boxes are not posted: off).</summary>
public sealed class PortalNotificationsSave(PortalAccess access, PortalAccount account, PageRenderer pages)
{
    [Function(nameof(PortalNotificationsSave))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/notifications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var settings = new NoticeSettings(visit.Form!["own"] == "on", visit.Form["other"] == "on");
        await account.SaveNoticeSettingsAsync(visit.Person, settings, cancellationToken);
        return await pages.PageAsync<NotificationsPage, NotificationsModel>(new NotificationsModel(visit.Frame, settings, Saved: true));
    }
}

/// <summary>GET /portal/admin: the member's contacts, API keys and recorded changes, for the member's administrator.</summary>
public sealed class PortalAdmin(PortalAccess access, PortalAccount account, PageRenderer pages)
{
    [Function(nameof(PortalAdmin))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/admin")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: true, cancellationToken);
        return visit is null
            ? refusal!
            : await pages.PageAsync<AdminPage, AdminModel>(new AdminModel(visit.Frame, await account.AdministrationAsync(visit.Member, cancellationToken)));
    }
}

/// <summary>POST /portal/admin with <c>action</c> invite, remove, create-key or revoke-key; each change is recorded.</summary>
public sealed class PortalAdminAction(PortalAccess access, PortalAccount account, PageRenderer pages)
{
    [Function(nameof(PortalAdminAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/admin")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: true, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var form = visit.Form!;
        var change = form["action"].ToString() switch
        {
            "invite" => await account.InviteAsync(visit.Person, visit.Member, form["email"], form["admin"] == "on", cancellationToken),
            "remove" => await account.RemoveAsync(visit.Person, visit.Member, form["email"], cancellationToken),
            "create-key" => await account.CreateKeyAsync(visit.Person, visit.Member, cancellationToken),
            "revoke-key" => await account.RevokeKeyAsync(visit.Person, visit.Member, form["key"], cancellationToken),
            _ => null,
        };
        if (change is null)
        {
            return new BadRequestResult();
        }

        var model = new AdminModel(visit.Frame, await account.AdministrationAsync(visit.Member, cancellationToken), change);
        return await pages.PageAsync<AdminPage, AdminModel>(model, change.Done ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
