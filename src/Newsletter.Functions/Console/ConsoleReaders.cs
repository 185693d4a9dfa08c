using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/readers?state=&amp;from=: counts, the last 90 days as a chart, the lookup form, and the list page by page.</summary>
public sealed class ConsoleReaders(ConsoleAccess access, ReaderDesk desk, PageRenderer pages)
{
    [Function(nameof(ConsoleReaders))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/readers")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        return await PageAsync(desk, pages, console.Console, request.Query["state"], request.Query["from"], null, null, StatusCodes.Status200OK, cancellationToken);
    }

    internal static async Task<HtmlPage> PageAsync(ReaderDesk desk, PageRenderer pages, ConsoleContext console, string? stateName, string? from,
        string? lookup, string? warning, int status, CancellationToken cancellationToken)
    {
        ReaderState? state = Enum.TryParse<ReaderState>(stateName, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(stateName, out _) ? s : null;
        var list = await desk.ListAsync(state, ReaderPosition.Parse(from), cancellationToken);
        return await pages.PageAsync<ReadersPage, ReadersPageModel>(
            new ReadersPageModel(console, await desk.OverviewAsync(cancellationToken), list, state, lookup, warning), status);
    }
}

/// <summary>POST /console/readers/lookup: the reader of exactly that address (through its hash), 303 to their page; the form again when none is found.</summary>
public sealed class ConsoleReaderLookup(ConsoleAccess access, ReaderDesk desk, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleReaderLookup))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/readers/lookup")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var typed = Core.Releases.Parsing.TextCleaner.SingleLine(console.Form["address"].ToString(), 320);
        if (!EmailAddress.TryParse(typed, out _, out _))
        {
            return await ConsoleReaders.PageAsync(desk, pages, console.Console, null, null, typed, "Enter a whole e-mail address, like name@example.org.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (await desk.FindAsync(typed, cancellationToken) is { } reader)
        {
            return new SeeOther(links.Reader(reader.Id));
        }

        return await ConsoleReaders.PageAsync(desk, pages, console.Console, null, null, typed, "No reader has this address.", StatusCodes.Status404NotFound, cancellationToken);
    }
}

/// <summary>GET /console/readers/{readerId}: one reader with their history and the actions their state allows.</summary>
public sealed class ConsoleReader(ConsoleAccess access, ReaderDesk desk, IAuditLog audit, PageRenderer pages)
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["resend"] = "A new confirmation mail is on its way.",
        ["unsubscribe"] = "Unsubscribed: no further digest goes to this reader.",
        ["erase"] = "Erased: only the salted hash of the address and the dated moves are kept.",
    };

    [Function(nameof(ConsoleReader))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/readers/{readerId}")] HttpRequest request,
        string readerId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        Notices.TryGetValue(request.Query["done"].ToString(), out var notice);
        return await PageAsync(access, desk, audit, pages, console.Console, readerId, notice, null, StatusCodes.Status200OK, cancellationToken);
    }

    internal static async Task<IActionResult> PageAsync(ConsoleAccess access, ReaderDesk desk, IAuditLog audit, PageRenderer pages, ConsoleContext console,
        string readerId, string? notice, string? warning, int status, CancellationToken cancellationToken)
    {
        if (await desk.GetAsync(readerId, cancellationToken) is not { } reader)
        {
            return await access.NotFoundAsync();
        }

        var actions = await audit.ListAsync(new AuditFilter(Subject: reader.Id), 50, cancellationToken);
        return await pages.PageAsync<ReaderPage, ReaderPageModel>(new ReaderPageModel(console, reader, actions, notice, warning), status);
    }
}

/// <summary>POST /console/readers/{readerId}/{resend|unsubscribe|erase}: 303 back to the reader's page, or the page with why not (409).</summary>
public sealed class ConsoleReaderAction(ConsoleAccess access, ReaderDesk desk, IAuditLog audit, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleReaderAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/readers/{readerId}/{action}")] HttpRequest request,
        string readerId,
        string action,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (action == "erase" && console.Form["confirm"] != "yes")
        {
            return await ConsoleReader.PageAsync(access, desk, audit, pages, console.Console, readerId, null,
                "Nothing was erased: tick the box that says you understand it is for good.", StatusCodes.Status400BadRequest, cancellationToken);
        }

        ReaderActionOutcome? outcome = action switch
        {
            "resend" => await desk.ResendConfirmationAsync(readerId, console.Actor, cancellationToken),
            "unsubscribe" => await desk.UnsubscribeAsync(readerId, console.Actor, cancellationToken),
            "erase" => await desk.EraseAsync(readerId, console.Actor, cancellationToken),
            _ => null,
        };
        if (outcome is null or ReaderActionOutcome.UnknownReader)
        {
            return await access.NotFoundAsync();
        }

        if (outcome == ReaderActionOutcome.Done)
        {
            return new SeeOther($"{links.Reader(readerId)}?done={action}");
        }

        var why = outcome == ReaderActionOutcome.Limited
            ? "Nothing was sent: this address has had as many confirmation mails this hour as the signup form allows."
            : "Nothing changed: the reader's state does not allow that.";
        return await ConsoleReader.PageAsync(access, desk, audit, pages, console.Console, readerId, null, why, StatusCodes.Status409Conflict, cancellationToken);
    }
}
