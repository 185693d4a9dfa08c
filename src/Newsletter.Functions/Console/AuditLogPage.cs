using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/audit?action=&amp;actor=&amp;subject=&amp;from=&amp;to=: the audit log, newest first, filtered.</summary>
public sealed class ConsoleAudit(ConsoleAccess access, IAuditLog audit, PageRenderer pages)
{
    public const int MaxEntries = 500;

    [Function(nameof(ConsoleAudit))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var query = request.Query;
        string? problem = null;
        DateOnly? Day(string name)
        {
            var text = query[name].ToString().Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            problem = $"'{Core.Releases.Parsing.TextCleaner.SingleLine(text, 20)}' is not a date (yyyy-mm-dd); that bound is left out.";
            return null;
        }

        var action = query["action"].ToString().Trim();
        var filter = new AuditFilter(
            AuditActions.All.Contains(action) ? action : null,
            Core.Releases.Parsing.TextCleaner.SingleLine(query["actor"].ToString(), 200) is { Length: > 0 } actor ? actor : null,
            Core.Releases.Parsing.TextCleaner.SingleLine(query["subject"].ToString(), 200) is { Length: > 0 } subject ? subject : null,
            Day("from"),
            Day("to"));
        var entries = await audit.ListAsync(filter, MaxEntries, cancellationToken);
        return await pages.PageAsync<AuditPage, AuditPageModel>(new AuditPageModel(console.Console, filter, entries, problem));
    }
}
