using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Editions;
using Newsletter.Core.Updates;
using Newsletter.Web;
using Newsletter.Web.Pages;

namespace Newsletter.Functions.Editions;

/// <summary>GET /api/archive: the editions sent so far, newest first.</summary>
public sealed class Archive(IEditionStore editions, ReadingPages pages)
{
    [Function(nameof(Archive))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "archive")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new HtmlPage(pages.Archive(await editions.ListAsync(100, cancellationToken)));
}

/// <summary>GET /api/archive/{editionId}: an edition as a web page, where "view in your browser" leads.</summary>
public sealed class ArchiveEdition(IEditionStore editions, EditionRenderer renderer, PageRenderer pages)
{
    [Function(nameof(ArchiveEdition))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "archive/{editionId}")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var edition = await editions.GetAsync(editionId, cancellationToken);
        if (edition is null || edition.Items.Count == 0)
        {
            return await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Edition, StatusCodes.Status404NotFound);
        }

        var content = new EditionContent(edition.Id, Edition.FrequencyName(edition.Frequency), edition.ScheduledFor, [], edition.Items);
        return new HtmlPage(await renderer.RenderWebPageAsync(content, cancellationToken));
    }
}

/// <summary>GET /api/updates/{updateId}: one published update's page.</summary>
public sealed class UpdatePage(IUpdateStore updates, ReadingPages reading, PageRenderer pages)
{
    [Function(nameof(UpdatePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "updates/{updateId}")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var update = await updates.GetAsync(updateId, cancellationToken);
        return update is { Status: UpdateStatus.Published }
            ? new HtmlPage(reading.Update(update))
            : await pages.PageAsync<NotFoundPage, NotFound>(NotFound.Update, StatusCodes.Status404NotFound);
    }
}

/// <summary>GET /api/feed.atom: the latest published updates as an Atom 1.0 feed.</summary>
public sealed class Feed(IUpdateStore updates, IOptions<AppOptions> app, TimeProvider time)
{
    [Function(nameof(Feed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feed.atom")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var latest = await updates.ListAsync(UpdateStatus.Published, 50, cancellationToken);
        var ordered = latest.OrderByDescending(u => u.PublishedAt).ToArray();
        return new ContentResult
        {
            Content = AtomFeed.Write(ordered, app.Value.Root, app.Value.NetworkName, time.GetUtcNow()),
            ContentType = "application/atom+xml; charset=utf-8",
            StatusCode = StatusCodes.Status200OK,
        };
    }
}
