using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;
using Newsletter.Functions.Access;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>
/// GET /portal/join?token=: an invitation's page, a button and nothing else (it changes nothing). POST (the
/// button, from this site only): accepts it. Nobody is signed in yet: the link, mailed to the invited address, is the proof.
/// </summary>
public sealed class PortalJoin(PortalInvitations invitations, AccessLinks links, PageRenderer pages)
{
    [Function(nameof(PortalJoin))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "portal/join")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var token = RequestReader.Token(request);
            var check = await invitations.CheckAsync(token, cancellationToken);
            return await pages.PageAsync<JoinPage, JoinModel>(new JoinModel(check, token), Status(check.Outcome));
        }

        if (await SignInAnswers.FromAnotherSiteAsync(request, links, pages) is { } refused)
        {
            return refused;
        }

        var posted = (await RequestReader.FormAsync(request, cancellationToken))["token"].FirstOrDefault();
        var accepted = await invitations.AcceptAsync(posted, cancellationToken);
        return await pages.PageAsync<JoinPage, JoinModel>(new JoinModel(accepted), Status(accepted.Outcome));
    }

    private static int Status(InvitationOutcome outcome) => outcome switch
    {
        InvitationOutcome.NotValid => StatusCodes.Status404NotFound,
        InvitationOutcome.AddressInUse => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status200OK,
    };
}
