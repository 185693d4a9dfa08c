using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Editorial;
using Newsletter.Core.Updates;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Layout;
using Newsletter.Web.Pages;
using Newsletter.Web.Pages.Reading;

namespace Newsletter.Functions.Editions;

/// <summary>
/// GET /: the latest updates, a call to subscribe, the archive and the feed. The Functions host cannot
/// route an empty path, so the route is one optional parameter that must stay empty.
/// </summary>
public sealed class Home(PublicUpdates updates, AccessGate gate, PageViewer viewer, PageRenderer pages)
{
    public const string Route = "{empty:length(0)?}";

    [Function(nameof(Home))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        await gate.NoteVisitorAsync(request, viewer, cancellationToken);
        return await pages.PageAsync<HomePage, IReadOnlyList<Update>>(await updates.LatestAsync(10, cancellationToken));
    }
}

/// <summary>GET /archive: the editions that went to someone, newest first, each once.</summary>
public sealed class Archive(EditionArchive archive, AccessGate gate, PageViewer viewer, PageRenderer pages)
{
    [Function(nameof(Archive))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "archive")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        await gate.NoteVisitorAsync(request, viewer, cancellationToken);
        return await pages.PageAsync<ArchivePage, IReadOnlyList<Edition>>(await archive.ListAsync(100, cancellationToken));
    }
}

/// <summary>GET /archive/{editionId}: an edition as a web page, where "view in your browser" leads.</summary>
public sealed class ArchiveEdition(IEditionStore editions, EditionRenderer renderer, PublishedCopies copies, PageRenderer pages)
{
    [Function(nameof(ArchiveEdition))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "archive/{editionId}")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var edition = await editions.GetAsync(editionId, cancellationToken);
        if (edition is null || !EditionArchive.CanHaveGoneToSomeone(edition))
        {
            return await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Edition, StatusCodes.Status404NotFound);
        }

        var items = await copies.CurrentAsync(edition.Items, cancellationToken);
        var content = new EditionContent(edition.Id, Edition.FrequencyName(edition.Frequency), edition.ScheduledFor, [], items);
        return new HtmlPage(await renderer.RenderWebPageAsync(content, cancellationToken));
    }
}

/// <summary>GET /updates/{updateId}: one published update's page; one withdrawn after publication answers 410 with the editors' note.</summary>
public sealed class UpdatePage(PublicUpdates updates, AccessGate gate, PageViewer viewer, PageRenderer pages)
{
    [Function(nameof(UpdatePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "updates/{updateId}")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        await gate.NoteVisitorAsync(request, viewer, cancellationToken);
        if (await updates.GetAsync(updateId, cancellationToken) is { } update)
        {
            return await pages.PageAsync<UpdateArticlePage, Update>(update);
        }

        if (await updates.WithdrawnAsync(updateId, cancellationToken) is { } withdrawn)
        {
            var withdrawal = withdrawn.History.LastOrDefault(h => h.To == UpdateStatuses.Name(UpdateStatus.Withdrawn));
            return await pages.PageAsync<WithdrawnPage, WithdrawnUpdate>(new WithdrawnUpdate(withdrawn.Title, withdrawal?.At, withdrawal?.Reason), StatusCodes.Status410Gone);
        }

        // Embargoed, pending or withdrawn before publication: the very answer an unknown id gets.
        return await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Update, StatusCodes.Status404NotFound);
    }
}

/// <summary>GET /feed.atom: the latest published updates as an Atom 1.0 feed.</summary>
public sealed class Feed(PublicUpdates updates, IOptions<AppOptions> app, TimeProvider time)
{
    [Function(nameof(Feed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feed.atom")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var ordered = await updates.LatestAsync(50, cancellationToken);
        return new ContentResult
        {
            Content = AtomFeed.Write(ordered, app.Value.Root, app.Value.NetworkName, time.GetUtcNow()),
            ContentType = "application/atom+xml; charset=utf-8",
            StatusCode = StatusCodes.Status200OK,
        };
    }
}
