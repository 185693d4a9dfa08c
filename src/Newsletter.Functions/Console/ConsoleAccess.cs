using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Access;
using Newsletter.Functions.Access;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>A console request that passed the gate: who asks (for the audit log), the page context, and a post's form.</summary>
public sealed record ConsoleRequest(Person Person, ConsoleContext Console, IFormCollection Form)
{
    /// <summary>How the audit log names the person.</summary>
    public string Actor => Person.Address;
}

/// <summary>
/// The one way into every console function: an editor (or admin) signed in, and for a post, the form this
/// session served (its anti-forgery token). Anything else gets the gate's refusal.
/// </summary>
public sealed class ConsoleAccess(AccessGate gate, PageRenderer pages)
{
    /// <param name="uploadLimit">for a post carrying a file: the most its body may hold (read only once the person is let in); otherwise the forms' 64 KiB.</param>
    public async Task<(ConsoleRequest? Request, IActionResult? Refusal)> CheckAsync(HttpRequest request, bool admin, CancellationToken cancellationToken, long? uploadLimit = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = await gate.EditorAsync(request, admin, cancellationToken);
        if (!check.Allowed)
        {
            return (null, check.Refusal);
        }

        var signedIn = check.SignedIn!;
        IFormCollection form = FormCollection.Empty;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (await gate.CheckOriginAsync(request) is { } foreign)
            {
                return (null, foreign);
            }

            form = uploadLimit is { } limit
                ? await RequestReader.FormAsync(request, limit, $"A file may hold at most {limit / 1024 / 1024} MiB.", cancellationToken)
                : await RequestReader.FormAsync(request, cancellationToken);
            if (await gate.CheckFormAsync(signedIn, form) is { } refused)
            {
                return (null, refused);
            }
        }

        var context = new ConsoleContext(signedIn.Person.Address, signedIn.Person.Has(Role.Admin), signedIn.AntiForgeryToken);
        return (new ConsoleRequest(signedIn.Person, context, form), null);
    }

    public Task<HtmlPage> NotFoundAsync() => pages.PageAsync<NotFoundPage, NotFound>(NotFound.Page, StatusCodes.Status404NotFound);
}
