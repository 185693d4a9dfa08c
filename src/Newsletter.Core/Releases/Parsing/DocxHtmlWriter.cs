using System.Text;
using System.Text.Encodings.Web;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Writes the visible content of a Word body as plain HTML (headings, paragraphs, lists, tables, links,
/// bold and italic). What the printed document does not show is never written: deleted and moved-away
/// runs, hidden (vanish) runs, field codes, comment marks, drawings and embedded objects.
/// </summary>
internal sealed class DocxHtmlWriter(MainDocumentPart main)
{
    private readonly StringBuilder html = new();
    private string? openList;

    public string Html
    {
        get
        {
            CloseList();
            return html.ToString();
        }
    }

    public void Block(OpenXmlElement block)
    {
        switch (block)
        {
            case Paragraph paragraph:
                Paragraph(paragraph);
                break;
            case Table table:
                CloseList();
                Table(table);
                break;
            case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                foreach (var child in content.ChildElements)
                {
                    Block(child);
                }

                break;
            case CustomXmlBlock custom:
                foreach (var child in custom.ChildElements)
                {
                    Block(child);
                }

                break;
        }
    }

    /// <summary>The visible text of a paragraph, without markup.</summary>
    public static string PlainText(OpenXmlElement element)
    {
        var text = new StringBuilder();
        Inline(element, text, null, plain: true);
        return text.ToString();
    }

    private void Paragraph(Paragraph paragraph)
    {
        var content = new StringBuilder();
        Inline(paragraph, content, main, plain: false);
        if (content.Length == 0)
        {
            return;
        }

        var style = DocxReader.StyleOf(paragraph);
        var numbering = paragraph.ParagraphProperties?.NumberingProperties;
        if (numbering is not null || style?.StartsWith("List", StringComparison.OrdinalIgnoreCase) == true)
        {
            var list = IsNumbered(numbering) ? "ol" : "ul";
            if (openList != list)
            {
                CloseList();
                html.Append('<').Append(list).Append('>');
                openList = list;
            }

            html.Append("<li>").Append(content).Append("</li>");
            return;
        }

        CloseList();
        var tag = style is not null && DocxReader.HeadingLevel(style) is { } level ? $"h{Math.Min(level + 1, 6)}" : "p";
        html.Append('<').Append(tag).Append('>').Append(content).Append("</").Append(tag).Append(">\n");
    }

    private void Table(Table table)
    {
        html.Append("<table>");
        foreach (var row in table.Elements<TableRow>())
        {
            html.Append("<tr>");
            foreach (var cell in row.Elements<TableCell>())
            {
                var parts = cell.Elements<Paragraph>()
                    .Select(p =>
                    {
                        var content = new StringBuilder();
                        Inline(p, content, main, plain: false);
                        return content.ToString();
                    })
                    .Where(p => p.Length > 0);
                html.Append("<td>").Append(string.Join("<br>", parts)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>\n");
    }

    private static void Inline(OpenXmlElement parent, StringBuilder output, MainDocumentPart? part, bool plain)
    {
        foreach (var child in parent.ChildElements)
        {
            switch (child)
            {
                case ParagraphProperties or DeletedRun or MoveFromRun or OpenXmlMiscNode:
                    break;
                case Run run:
                    Run(run, output, plain);
                    break;
                case Hyperlink link:
                    var target = plain || part is null ? null : LinkTarget(link, part);
                    if (target is null)
                    {
                        Inline(link, output, part, plain);
                        break;
                    }

                    var text = new StringBuilder();
                    Inline(link, text, part, plain);
                    output.Append("<a href=\"").Append(HtmlEncoder.Default.Encode(target)).Append("\">").Append(text).Append("</a>");
                    break;
                case InsertedRun or MoveToRun or SimpleField or CustomXmlRun:
                    Inline(child, output, part, plain);
                    break;
                case SdtRun sdt when sdt.SdtContentRun is { } content:
                    Inline(content, output, part, plain);
                    break;
            }
        }
    }

    private static void Run(Run run, StringBuilder output, bool plain)
    {
        var properties = run.RunProperties;
        if (properties?.Vanish is { } vanish && (vanish.Val is null || vanish.Val.Value))
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var element in run.ChildElements)
        {
            switch (element)
            {
                case Text t:
                    text.Append(plain ? t.Text : HtmlEncoder.Default.Encode(t.Text));
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append(plain ? " " : "<br>");
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        if (text.Length == 0)
        {
            return;
        }

        var bold = !plain && properties?.Bold is { } b && (b.Val is null || b.Val.Value);
        var italic = !plain && properties?.Italic is { } i && (i.Val is null || i.Val.Value);
        output.Append(bold ? "<strong>" : string.Empty).Append(italic ? "<em>" : string.Empty).Append(text)
            .Append(italic ? "</em>" : string.Empty).Append(bold ? "</strong>" : string.Empty);
    }

    private static string? LinkTarget(Hyperlink link, MainDocumentPart part)
    {
        if (link.Id?.Value is not { Length: > 0 } id)
        {
            return null;
        }

        var relationship = part.HyperlinkRelationships.FirstOrDefault(r => r.Id == id);
        return relationship?.Uri is { IsAbsoluteUri: true } uri ? uri.AbsoluteUri : null;
    }

    private bool IsNumbered(NumberingProperties? numbering)
    {
        var numberId = numbering?.NumberingId?.Val?.Value;
        var level = numbering?.NumberingLevelReference?.Val?.Value ?? 0;
        var definitions = main.NumberingDefinitionsPart?.Numbering;
        if (numberId is null || definitions is null)
        {
            return false;
        }

        var abstractId = definitions.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numberId)?.AbstractNumId?.Val?.Value;
        var format = definitions.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?
            .Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level)?.NumberingFormat?.Val?.Value;
        return format is not null && format != NumberFormatValues.Bullet && format != NumberFormatValues.None;
    }

    private void CloseList()
    {
        if (openList is not null)
        {
            html.Append("</").Append(openList).Append(">\n");
            openList = null;
        }
    }
}
