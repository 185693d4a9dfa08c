using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Access;
using Newsletter.Functions.Access;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Functions;

/// <summary>GET /signout: the button. POST (with the session's form token): ends the session at once, on every instance.</summary>
public sealed class SignOut(AccessGate gate, SessionService sessions, SessionCookie cookie, PageRenderer pages)
{
    [Function(nameof(SignOut))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "signout")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var signedIn = await gate.SignedInAsync(request, cancellationToken);
        if (HttpMethods.IsGet(request.Method) || signedIn is null)
        {
            var page = await pages.PageAsync<SignOutPage, SignOutPageModel>(new SignOutPageModel(signedIn?.Person.Address, signedIn?.AntiForgeryToken));
            return signedIn is null ? new WithCookies(page, cookie.Clear) : page;
        }

        if ((await gate.CheckOriginAsync(request) ?? await gate.CheckFormAsync(signedIn, await RequestReader.FormAsync(request, cancellationToken))) is { } refused)
        {
            return refused;
        }

        await sessions.EndAsync(signedIn.Session, cancellationToken);
        return new WithCookies(await pages.PageAsync<SignOutPage, SignOutPageModel>(new SignOutPageModel(null, null)), cookie.Clear);
    }
}
