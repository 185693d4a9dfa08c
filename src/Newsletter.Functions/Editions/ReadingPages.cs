using System.Globalization;
using System.Net;
using System.Text;
using Newsletter.Core.Editions;
using Newsletter.Core.Updates;
using Newsletter.Web;

namespace Newsletter.Functions.Editions;

/// <summary>The public reading pages: the archive of editions and one update's page. Member text is encoded; bodies were sanitized at ingestion.</summary>
public sealed class ReadingPages(PageLayout layout, EditionRenderer renderer)
{
    public string Archive(IReadOnlyList<Edition> editions)
    {
        var body = new StringBuilder("<h1>Archive</h1>\n");
        var shown = editions.Where(e => e.Items.Count > 0).ToArray();
        if (shown.Length == 0)
        {
            body.Append("<p>No edition has been sent yet.</p>\n");
        }
        else
        {
            body.Append("<ul class=\"list\">\n");
            foreach (var edition in shown)
            {
                var kind = edition.Frequency == Core.Subscriptions.Frequency.Daily ? "Daily" : "Weekly";
                var first = edition.Items[0].Title;
                body.Append(CultureInfo.InvariantCulture,
                    $"<li><a href=\"{E(renderer.EditionUrl(edition.Id))}\">{kind} digest, {Date(edition.ScheduledFor)}</a>" +
                    $"<p class=\"meta\">{edition.Items.Count} update{(edition.Items.Count == 1 ? string.Empty : "s")}: {E(first)}{(edition.Items.Count > 1 ? " and more" : string.Empty)}</p></li>\n");
            }

            body.Append("</ul>\n");
        }

        return layout.Render("Archive", body.ToString());
    }

    public string Update(Update update)
    {
        var original = update.CanonicalUrl is { } url ? $"<p><a href=\"{E(url)}\" rel=\"noopener noreferrer\">Read the original release</a></p>" : string.Empty;
        var body = $"""
            <article>
            <h1>{E(update.Title)}</h1>
            <p class="meta">{E(update.Organisation)} · {Date(update.Date)}</p>
            {update.BodyHtml}
            {original}
            </article>
            """;
        return layout.Render(update.Title, body);
    }

    private static string Date(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
