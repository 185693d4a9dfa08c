using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Access;
using Newsletter.Web;
using Newsletter.Web.Layout;
using Newsletter.Web.Pages;
using Newsletter.Web.Pages.Access;
using Newsletter.Web.Shared;

namespace Newsletter.Functions.Access;

/// <summary>The outcome of a check: the signed-in person, or the answer to send instead.</summary>
public sealed record AccessCheck(SignedIn? SignedIn, IActionResult? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// What the portal and console function classes ask before doing anything: who is signed in, may they
/// see this, and was the form they posted served to their session. The answers are the same
/// everywhere: nobody signed in goes to <c>/signin</c> (303); a signed-in person without the role gets
/// 403; a member contact asking for another member's thing gets 404, as if it did not exist.
/// </summary>
public sealed class AccessGate(SessionService sessions, SessionCookie cookie, AccessLinks links, PageRenderer pages)
{
    /// <summary>The live session of the request, or null.</summary>
    public Task<SignedIn?> SignedInAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return sessions.FindAsync(cookie.Read(request), cancellationToken);
    }

    /// <summary>
    /// For a public page: when the visitor has a live session, the layout's footer leads to their start page instead of
    /// offering to sign in. Only a request with a session cookie costs a lookup.
    /// </summary>
    public async Task NoteVisitorAsync(HttpRequest request, PageViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await SignedInAsync(request, cancellationToken) is { } signedIn)
        {
            viewer.SignedInHome = links.Landing(signedIn.Person);
        }
    }

    /// <summary>An editor (or, with <paramref name="admin"/>, an admin) of the console.</summary>
    public Task<AccessCheck> EditorAsync(HttpRequest request, bool admin, CancellationToken cancellationToken) =>
        RequireAsync(request, p => p.Has(admin ? Role.Admin : Role.Editor), cancellationToken);

    /// <summary>
    /// A member contact; with <paramref name="memberId"/>, a contact of that member (another member's
    /// contact gets 404); with <paramref name="admin"/>, the member's own administrator.
    /// </summary>
    public async Task<AccessCheck> ContactAsync(HttpRequest request, string? memberId, bool admin, CancellationToken cancellationToken)
    {
        var check = await RequireAsync(request, p => p.Has(Role.MemberContact) && (!admin || p.Contact!.IsAdmin),
            p => admin && p.Has(Role.MemberContact) ? NotAdministrator : null, cancellationToken);
        if (check.Allowed && memberId is not null && !check.SignedIn!.Person.IsContactOf(memberId))
        {
            return new AccessCheck(null, await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page, StatusCodes.Status404NotFound));
        }

        return check;
    }

    /// <summary>Any signed-in person whom <paramref name="allowed"/> accepts.</summary>
    public Task<AccessCheck> RequireAsync(HttpRequest request, Func<Person, bool> allowed, CancellationToken cancellationToken) =>
        RequireAsync(request, allowed, _ => null, cancellationToken);

    /// <summary>The 403's explanation for a member contact who is not the member's administrator: who can open the page.</summary>
    public const string NotAdministrator = "Only your member's administrator can manage contacts and keys.";

    /// <summary>As <see cref="RequireAsync(HttpRequest, Func{Person, bool}, CancellationToken)"/>; <paramref name="explain"/> says, for a refused person, who can open the page (null: the general explanation).</summary>
    private async Task<AccessCheck> RequireAsync(HttpRequest request, Func<Person, bool> allowed, Func<Person, string?> explain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var signedIn = await SignedInAsync(request, cancellationToken);
        if (signedIn is null)
        {
            return new AccessCheck(null, new SeeOther(links.SignIn));
        }

        return allowed(signedIn.Person) ? new AccessCheck(signedIn, null) : new AccessCheck(null, await ForbiddenAsync(signedIn.Person, explain(signedIn.Person)));
    }

    /// <summary>The 403 page, with a way on to the area the person's role opens: the console for an editor, the portal for a member contact.</summary>
    private Task<HtmlPage> ForbiddenAsync(Person person, string? explanation)
    {
        var refusal = person.Has(Role.Editor) ? Refusal.Forbidden with { LinkText = "Go to the console", LinkUrl = links.Console }
            : person.Has(Role.MemberContact) ? Refusal.Forbidden with { LinkText = "Go to the member portal", LinkUrl = links.Portal }
            : Refusal.Forbidden;
        return pages.PageAsync<RefusalPage, Refusal>(explanation is null ? refusal : refusal with { Explanation = explanation }, StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// Null when nothing says another site's page sent the post (<see cref="SitePosts"/>); else the 403 page. Asked before the
    /// form is read, beside <see cref="CheckFormAsync"/>.
    /// </summary>
    public async Task<IActionResult?> CheckOriginAsync(HttpRequest request) =>
        SitePosts.IsFromAnotherSite(request, links) ? await pages.PageAsync<RefusalPage, Refusal>(Refusal.FormFromOtherSite, StatusCodes.Status403Forbidden) : null;

    /// <summary>Null when the posted form carries this session's token; else the 403 page.</summary>
    public async Task<IActionResult?> CheckFormAsync(SignedIn signedIn, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return sessions.IsValidAntiForgery(signedIn, form[AntiForgeryField.FieldName].FirstOrDefault())
            ? null
            : await pages.PageAsync<RefusalPage, Refusal>(Refusal.FormExpired, StatusCodes.Status403Forbidden);
    }

    public Task<HtmlPage> ForbiddenAsync() => pages.PageAsync<RefusalPage, Refusal>(Refusal.Forbidden, StatusCodes.Status403Forbidden);
}
