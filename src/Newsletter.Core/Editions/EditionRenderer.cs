using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Fluid;
using Microsoft.Extensions.Options;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Editions;

/// <summary>
/// Renders one variant of an edition, HTML and text, once. Member text is HTML-encoded by the template
/// engine and can never spell a per-reader placeholder (<see cref="ReaderPlaceholders.Neutralize"/>), so
/// only the template's own placeholders are filled at send time; every link is absolute (<c>App:BaseUrl</c>).
/// </summary>
public sealed class EditionRenderer(EditionTemplates templates, IOptions<AppOptions> app, IOptions<DigestOptions> digest)
{
    private static readonly TemplateOptions Options = CreateOptions();

    public Task<RenderedEdition> RenderAsync(EditionContent content, CancellationToken cancellationToken) =>
        RenderAsync(content, webCopy: false, cancellationToken);

    /// <summary>Renders the mail of a test send: it goes to no reader, so its footer says so instead of offering a reader's links.</summary>
    public Task<RenderedEdition> RenderTestSendAsync(EditionContent content, CancellationToken cancellationToken) =>
        RenderAsync(content, webCopy: false, cancellationToken, testSend: true);

    /// <summary>Renders the mail (or, with <paramref name="webCopy"/>, the archive's web copy: no "view in your browser" line, a subscribe link for the reader's footer).</summary>
    private async Task<RenderedEdition> RenderAsync(EditionContent content, bool webCopy, CancellationToken cancellationToken, bool testSend = false)
    {
        var html = await templates.GetAsync(EditionTemplates.Html, cancellationToken);
        var text = await templates.GetAsync(EditionTemplates.Text, cancellationToken);
        var subject = Subject(content);
        var model = Model(content, subject, webCopy, testSend);
        var context = new TemplateContext(model, Options);
        return new RenderedEdition(
            subject,
            await html.Template.RenderAsync(context, HtmlEncoder.Default),
            await text.Template.RenderAsync(context, NullEncoder.Default));
    }

    /// <summary>The web page of an edition ("view in browser"): no reader's links in it.</summary>
    public async Task<string> RenderWebPageAsync(EditionContent content, CancellationToken cancellationToken)
    {
        var rendered = await RenderAsync(content, webCopy: true, cancellationToken);
        var subscribe = $"{app.Value.Root}/subscribe";
        return WithMainLandmark(ReaderPlaceholders.Fill(rendered.Html, new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello,",
            [ReaderPlaceholders.UnsubscribeUrl] = subscribe,
            [ReaderPlaceholders.PreferencesUrl] = subscribe,
        }));
    }

    /// <summary>
    /// As a web page the mail holds its content in one <c>main</c> landmark (id <c>content</c>), as every
    /// other public page's layout does; a mail template (the built-in one or an operator's) has none.
    /// The hidden preheader stays outside it.
    /// </summary>
    private static string WithMainLandmark(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        if (document.Body is not { } body || document.QuerySelector("main") is not null)
        {
            return html;
        }

        var main = document.CreateElement("main");
        main.Id = "content";
        foreach (var child in body.ChildNodes.ToArray())
        {
            if (child is not IElement { ClassList: var classes } || !classes.Contains("preheader"))
            {
                main.AppendChild(child);
            }
        }

        body.AppendChild(main);
        return document.ToHtml();
    }

    public string UpdateUrl(string updateId) => $"{app.Value.Root}/updates/{Uri.EscapeDataString(updateId)}";

    public string EditionUrl(string editionId) => $"{app.Value.Root}/archive/{Uri.EscapeDataString(editionId)}";

    /// <summary>The subject from <c>Digest:Subject</c>, e.g. "Network Updates, 11 Dec 2019: First title and 4 more".</summary>
    public string Subject(EditionContent content)
    {
        var first = content.Items.Count > 0 ? content.Items[0].Title : string.Empty;
        var more = content.Items.Count > 1 ? $" and {content.Items.Count - 1} more" : string.Empty;
        var subject = digest.Value.Subject
            .Replace("{network}", app.Value.NetworkName, StringComparison.Ordinal)
            .Replace("{date}", Date(content.Date), StringComparison.Ordinal)
            .Replace("{first}", first, StringComparison.Ordinal)
            .Replace("{more}", more, StringComparison.Ordinal);
        // An edition with nothing in it leaves no dangling separator: "Network, 1 Dec 2026: " becomes "Network, 1 Dec 2026".
        subject = subject.TrimEnd().TrimEnd(':', ',', ';', '-', '–', '—', '·').TrimEnd();
        // Cleaned first (that drops invisible characters), then neutralized whole: the subject holds no placeholder.
        return ReaderPlaceholders.Neutralize(TextCleaner.SingleLine(subject, 250));
    }

    private Dictionary<string, object> Model(EditionContent content, string subject, bool webCopy, bool testSend)
    {
        var frequency = content.Frequency;
        var title = $"{(frequency == "weekly" ? "Weekly" : "Daily")} digest, {Date(content.Date)}";
        var count = content.Items.Count;
        return new Dictionary<string, object>
        {
            ["network"] = new Dictionary<string, object>
            {
                ["name"] = app.Value.NetworkName,
                ["postal_address"] = digest.Value.PostalAddress,
                ["base_url"] = app.Value.Root,
            },
            ["edition"] = new Dictionary<string, object>
            {
                ["id"] = content.EditionId,
                ["title"] = title,
                ["subject"] = subject,
                ["frequency"] = frequency,
                ["date"] = Date(content.Date),
                ["intro"] = count == 1 ? "Here is the latest update from the network's members." : $"Here are the latest {count} updates from the network's members.",
                ["preheader"] = string.Join(" · ", content.Items.Take(3).Select(i => ReaderPlaceholders.Neutralize(i.Title))),
                ["web_url"] = content.HasWebCopy ? EditionUrl(content.EditionId) : string.Empty,
                ["topics_note"] = content.Topics.Count == 0 ? string.Empty : $" on {string.Join(", ", content.Topics)}",
                ["web_copy"] = webCopy,
                ["test_send"] = testSend,
            },
            ["updates"] = content.Items.Select(Item).ToArray(),
            ["reader"] = new Dictionary<string, object>
            {
                ["greeting"] = ReaderPlaceholders.Greeting,
                ["unsubscribe_url"] = ReaderPlaceholders.UnsubscribeUrl,
                ["preferences_url"] = ReaderPlaceholders.PreferencesUrl,
            },
        };
    }

    private Dictionary<string, object> Item(EditionItem item)
    {
        var model = new Dictionary<string, object>
        {
            ["id"] = item.UpdateId,
            ["title"] = ReaderPlaceholders.Neutralize(item.Title),
            ["organisation"] = ReaderPlaceholders.Neutralize(item.Organisation),
            ["date"] = Date(item.Date),
            ["summary"] = ReaderPlaceholders.Neutralize(item.Summary),
            ["url"] = UpdateUrl(item.UpdateId),
        };
        if (item.Image is { } image)
        {
            // Absolute: a mail has no site to be relative to, and the mailbox's image proxy fetches this address.
            model["image"] = new Dictionary<string, object>
            {
                ["url"] = app.Value.Root + image.Path,
                ["width"] = image.Width,
                ["height"] = image.Height,
                ["alt"] = ReaderPlaceholders.Neutralize(image.Alt),
                ["credit"] = ReaderPlaceholders.Neutralize(image.Credit),
            };
        }

        return model;
    }

    private static string Date(DateTimeOffset date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.CultureInfo = CultureInfo.InvariantCulture;
        return options;
    }
}
