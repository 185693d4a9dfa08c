using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Functions.Portal;

/// <summary>GET /portal: the member portal's landing page, for member contacts.</summary>
public sealed class PortalHome(AccessGate gate, PageRenderer pages)
{
    [Function(nameof(PortalHome))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var check = await gate.ContactAsync(request, memberId: null, admin: false, cancellationToken);
        if (!check.Allowed)
        {
            return check.Refusal!;
        }

        var (person, token) = (check.SignedIn!.Person, check.SignedIn.AntiForgeryToken);
        return await pages.PageAsync<SignedInHomePage, SignedInHome>(new SignedInHome("Member portal", $"Member portal: {person.Contact!.MemberId}",
            person.Address, person.RoleNames, token, "Submitting and tracking releases in the browser comes here next."));
    }
}
