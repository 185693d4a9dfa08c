using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/members: every member with its contacts, topics, auto-publish and keys.</summary>
public sealed class ConsoleMembers(ConsoleAccess access, MemberDesk desk, PageRenderer pages)
{
    [Function(nameof(ConsoleMembers))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/members")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        return await pages.PageAsync<MembersPage, MembersPageModel>(new MembersPageModel(console.Console, await desk.ListAsync(cancellationToken), desk.Topics));
    }

    internal static MemberForm FormOf(IFormCollection form) => new(
        form["id"].FirstOrDefault(), form["name"].FirstOrDefault(), [.. form["topics"].Where(t => t is not null).Select(t => t!)], form["autoPublish"] == "yes");
}

/// <summary>POST /console/members (admins): adds a member; its page then shows the first API key once.</summary>
public sealed class ConsoleMemberAdd(ConsoleAccess access, MemberDesk desk, IAuditLog audit, PageRenderer pages)
{
    public const bool AdminOnly = true;

    [Function(nameof(ConsoleMemberAdd))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/members")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: true, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var form = ConsoleMembers.FormOf(console.Form);
        var result = await desk.AddAsync(form, console.Actor, cancellationToken);
        if (!result.Done)
        {
            return await pages.PageAsync<MembersPage, MembersPageModel>(
                new MembersPageModel(console.Console, await desk.ListAsync(cancellationToken), desk.Topics, form, result.Errors), StatusCodes.Status400BadRequest);
        }

        // The key is in this answer only (no redirect could carry it): the page is not cached.
        return await ConsoleMember.PageAsync(access, desk, audit, pages, console.Console, form.Id!.Trim(), "The member is added.", result.NewApiKey, null, null, StatusCodes.Status200OK, cancellationToken);
    }
}

/// <summary>GET /console/members/{memberId}: one member, its contacts and keys, and the changes recorded on it.</summary>
public sealed class ConsoleMember(ConsoleAccess access, MemberDesk desk, IAuditLog audit, PageRenderer pages)
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["edit"] = "Saved.",
        ["add-contact"] = "The contact is added; they sign in at /signin with their address.",
        ["remove-contact"] = "The contact is removed; if that was their only role, they are signed out everywhere.",
        ["revoke-key"] = "The key is revoked: uploads with it are refused from now on.",
    };

    [Function(nameof(ConsoleMember))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/members/{memberId}")] HttpRequest request,
        string memberId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        Notices.TryGetValue(request.Query["done"].ToString(), out var notice);
        return await PageAsync(access, desk, audit, pages, console.Console, memberId, notice, null, null, null, StatusCodes.Status200OK, cancellationToken);
    }

    internal static async Task<IActionResult> PageAsync(ConsoleAccess access, MemberDesk desk, IAuditLog audit, PageRenderer pages, ConsoleContext console, string memberId,
        string? notice, string? key, MemberForm? form, IReadOnlyDictionary<string, string>? errors, int status, CancellationToken cancellationToken)
    {
        if (await desk.GetAsync(memberId, cancellationToken) is not { } view)
        {
            return await access.NotFoundAsync();
        }

        var actions = await audit.ListAsync(new AuditFilter(Subject: view.Member.Id), 20, cancellationToken);
        return await pages.PageAsync<MemberPage, MemberPageModel>(new MemberPageModel(console, view, desk.Topics, actions, form, errors, notice, key), status);
    }
}

/// <summary>POST /console/members/{memberId}/{edit|add-contact|remove-contact|new-key|revoke-key} (admins): 303 back to the member, a new key shown once, or the page with the problem (400; 409 for a contact that is not there to remove).</summary>
public sealed class ConsoleMemberAction(ConsoleAccess access, MemberDesk desk, IAuditLog audit, ConsoleLinks links, PageRenderer pages)
{
    public const bool AdminOnly = true;

    [Function(nameof(ConsoleMemberAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/members/{memberId}/{action}")] HttpRequest request,
        string memberId,
        string action,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: true, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var form = console.Form;
        var typed = ConsoleMembers.FormOf(form);
        var result = action switch
        {
            "edit" => await desk.EditAsync(memberId, typed, console.Actor, cancellationToken),
            "add-contact" => await desk.AddContactAsync(memberId, form["email"].FirstOrDefault(), form["admin"] == "yes", console.Actor, cancellationToken),
            "remove-contact" => await desk.RemoveContactAsync(memberId, form["email"].FirstOrDefault(), console.Actor, cancellationToken),
            "new-key" => await desk.NewKeyAsync(memberId, console.Actor, cancellationToken),
            "revoke-key" => await desk.RevokeKeyAsync(memberId, form["key"].FirstOrDefault(), console.Actor, cancellationToken),
            _ => MemberResult.NotFound,
        };
        if (result.Unknown)
        {
            return await access.NotFoundAsync();
        }

        if (result.Done && result.NewApiKey is { } key)
        {
            return await ConsoleMember.PageAsync(access, desk, audit, pages, console.Console, memberId, null, key, null, null, StatusCodes.Status200OK, cancellationToken);
        }

        if (result.Done)
        {
            return new SeeOther($"{links.Member(memberId)}?done={action}");
        }

        return await ConsoleMember.PageAsync(access, desk, audit, pages, console.Console, memberId, null, null, action == "edit" ? typed : null, result.Errors,
            result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, cancellationToken);
    }
}
