using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>POST /console/readers/export (admins): the active readers with their consent records as a CSV download, recorded in the audit log.</summary>
public sealed class ConsoleReaderExport(ConsoleAccess access, ReaderCsvExport export, TimeProvider time)
{
    public const bool AdminOnly = true;

    [Function(nameof(ConsoleReaderExport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/readers/export")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: true, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var csv = new MemoryStream();
        await export.WriteAsync(csv, console.Actor, null, cancellationToken);
        csv.Position = 0;
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Readers' addresses and consent records: no browser or proxy cache keeps a copy.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileStreamResult(csv, "text/csv; charset=utf-8") { FileDownloadName = $"active-readers-{day}.csv" };
    }
}

/// <summary>
/// POST /console/readers/import (admins, a multipart form with the file, at most <see cref="ReaderCsv.MaxFileBytes"/>): the whole
/// file is checked at once; with problems, the readers page lists them by line (400) and nothing is kept; otherwise the import
/// is queued and the answer is 303 to its status page.
/// </summary>
public sealed class ConsoleReaderImport(ConsoleAccess access, ReaderImportService imports, ReaderDesk desk, ConsoleLinks links, PageRenderer pages)
{
    public const bool AdminOnly = true;

    [Function(nameof(ConsoleReaderImport))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/readers/import")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: true, cancellationToken, ReaderCsv.MaxFileBytes + (64 * 1024));
        if (console is null)
        {
            return refusal!;
        }

        if (console.Form.Files.GetFile("file") is not { Length: > 0 } upload)
        {
            return await ReadersAsync(console, new ImportProblems("Nothing was imported: choose a CSV file first.", []), cancellationToken);
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var name = Core.Releases.Parsing.TextCleaner.SingleLine(Path.GetFileName(upload.FileName), 120);
        var start = await imports.StartAsync(content, name, console.Actor, cancellationToken);
        if (start.Run is not { } run)
        {
            var more = start.File.ProblemCount > start.File.Problems.Count ? $" (the first {start.File.Problems.Count} are listed)" : string.Empty;
            return await ReadersAsync(console, new ImportProblems(
                $"Nothing was imported: {name} has {Web.Shared.Words.Count(start.File.ProblemCount, "problem")}{more}. Correct them and upload the file again.",
                start.File.Problems), cancellationToken);
        }

        return new SeeOther(links.ReaderImport(run.Id));
    }

    private async Task<IActionResult> ReadersAsync(ConsoleRequest console, ImportProblems problems, CancellationToken cancellationToken) =>
        await pages.PageAsync<ReadersPage, ReadersPageModel>(new ReadersPageModel(console.Console, await desk.OverviewAsync(cancellationToken),
            await desk.ListAsync(null, default, cancellationToken), null) { Import = problems }, StatusCodes.Status400BadRequest);
}

/// <summary>GET /console/readers/imports/{importId} (admins): how far a queued import is, refreshing itself until it is done, then its counts.</summary>
public sealed class ConsoleReaderImportStatus(ConsoleAccess access, ReaderImportService imports, PageRenderer pages)
{
    public const bool AdminOnly = true;

    [Function(nameof(ConsoleReaderImportStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/readers/imports/{importId}")] HttpRequest request,
        string importId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: true, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        return await imports.GetAsync(importId, cancellationToken) is { } run
            ? await pages.PageAsync<ImportRunPage, ImportRunPageModel>(new ImportRunPageModel(console.Console, run), StatusCodes.Status200OK)
            : await access.NotFoundAsync();
    }
}
