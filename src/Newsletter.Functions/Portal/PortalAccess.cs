using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Access;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Portal;
using Newsletter.Functions.Access;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>A portal request that passed the gate: the contact, their member, and what every page shows around its content.</summary>
public sealed record PortalVisit(SignedIn SignedIn, Member Member, PortalFrame Frame, IFormCollection? Form = null)
{
    public Person Person => SignedIn.Person;
}

/// <summary>
/// The checks every portal function makes first: signed in (else the sign-in page), a contact of a member (else
/// 403), the member's administrator where asked; for a POST, a form carrying the session's anti-forgery token.
/// Whatever a contact asks for is then looked up within their own member only, so another member's id is 404.
/// </summary>
public sealed class PortalAccess(AccessGate gate, IMemberStore members, PortalSubmissions submissions, PageRenderer pages)
{
    private const long FormSlackBytes = 1024 * 1024;

    public async Task<(PortalVisit? Visit, IActionResult? Refusal)> EnterAsync(HttpRequest request, bool admin, CancellationToken cancellationToken)
    {
        var check = await gate.ContactAsync(request, memberId: null, admin, cancellationToken);
        if (!check.Allowed)
        {
            return (null, check.Refusal);
        }

        var signedIn = check.SignedIn!;
        var member = await members.GetAsync(signedIn.Person.Contact!.MemberId, cancellationToken);
        if (member is null)
        {
            return (null, await NotFoundAsync());
        }

        var frame = new PortalFrame(member.Id, member.DisplayName, signedIn.Person.Address, signedIn.Person.Contact.IsAdmin, signedIn.AntiForgeryToken);
        return (new PortalVisit(signedIn, member, frame), null);
    }

    /// <summary>
    /// As <see cref="EnterAsync"/>, then reads the posted form and refuses it without this session's token. The form may hold
    /// <paramref name="limitBytes"/>; by default a release file and its image.
    /// </summary>
    public async Task<(PortalVisit? Visit, IActionResult? Refusal)> PostAsync(HttpRequest request, bool admin, CancellationToken cancellationToken, long? limitBytes = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (visit, refusal) = await EnterAsync(request, admin, cancellationToken);
        if (visit is null)
        {
            return (null, refusal);
        }

        if (await gate.CheckOriginAsync(request) is { } foreign)
        {
            return (null, foreign);
        }

        // A dropped file may be as large as an upload, and the form's lead image as large as an image; room for the form's
        // other fields beside them, and no more, declared or counted as it arrives.
        var form = limitBytes is { } limit
            ? await RequestReader.FormAsync(request, limit, $"This form may hold at most {limit:N0} bytes.", cancellationToken)
            : await RequestReader.FormAsync(request, submissions.MaxUploadBytes + ImagePipeline.MaxBytes + FormSlackBytes,
                $"A release file may be at most {submissions.MaxUploadBytes:N0} bytes and its image {ImagePipeline.MaxBytes:N0} bytes.", cancellationToken);
        var bad = await gate.CheckFormAsync(visit.SignedIn, form);
        return bad is null ? (visit with { Form = form }, null) : (null, bad);
    }

    public Task<HtmlPage> NotFoundAsync() => pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page, StatusCodes.Status404NotFound);
}
