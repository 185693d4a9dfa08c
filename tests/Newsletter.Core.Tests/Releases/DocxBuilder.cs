using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// Builds real Word documents for tests with DocumentFormat.OpenXml, from a small line format:
/// <c>@title: ...</c> (Title style), <c># ...</c> (Heading 1), <c>## ...</c> (Heading 2), <c>- ...</c> (list item),
/// <c>| a | b |</c> (table row), <c>@header: ...</c>, <c>@footer: ...</c>, any other line a paragraph.
/// </summary>
internal sealed class DocxBuilder
{
    private readonly List<OpenXmlElement> body = [];
    private readonly List<string> headers = [];
    private readonly List<string> footers = [];
    private readonly List<string> comments = [];
    private Table? table;

    public static byte[] FromSource(string source)
    {
        var builder = new DocxBuilder();
        foreach (var raw in source.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('|'))
            {
                builder.Row(line.Trim('|').Split('|').Select(c => c.Trim()).ToArray());
                continue;
            }

            _ = line switch
            {
                _ when line.StartsWith("@title:", StringComparison.Ordinal) => builder.Styled("Title", line[7..].Trim()),
                _ when line.StartsWith("@header:", StringComparison.Ordinal) => builder.Header(line[8..].Trim()),
                _ when line.StartsWith("@footer:", StringComparison.Ordinal) => builder.Footer(line[8..].Trim()),
                _ when line.StartsWith("## ", StringComparison.Ordinal) => builder.Styled("Heading2", line[3..]),
                _ when line.StartsWith("# ", StringComparison.Ordinal) => builder.Styled("Heading1", line[2..]),
                _ when line.StartsWith("- ", StringComparison.Ordinal) => builder.ListItem(line[2..]),
                _ => builder.Paragraph(line),
            };
        }

        return builder.Build();
    }

    public DocxBuilder Styled(string styleId, string text) => Add(new Paragraph(
        new ParagraphProperties(new ParagraphStyleId { Val = styleId }), Run(text)));

    public DocxBuilder Paragraph(string text) => Add(new Paragraph(Run(text)));

    public DocxBuilder Paragraph(params OpenXmlElement[] content) => Add(new Paragraph(content));

    public DocxBuilder ListItem(string text) => Add(new Paragraph(
        new ParagraphProperties(new ParagraphStyleId { Val = "ListParagraph" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
        Run(text)));

    public DocxBuilder Row(params string[] cells)
    {
        if (table is null)
        {
            table = new Table();
            body.Add(table);
        }

        table.Append(new TableRow(cells.Select(c => new TableCell(new Paragraph(Run(c))))));
        return this;
    }

    public DocxBuilder Header(string text)
    {
        headers.Add(text);
        return this;
    }

    public DocxBuilder Footer(string text)
    {
        footers.Add(text);
        return this;
    }

    /// <summary>A paragraph with a tracked deletion between two kept parts.</summary>
    public DocxBuilder WithDeletion(string before, string deleted, string after) => Add(new Paragraph(
        Run(before),
        new DeletedRun(new Run(new DeletedText(deleted) { Space = SpaceProcessingModeValues.Preserve })) { Id = "1", Author = "Editor" },
        Run(after)));

    /// <summary>A paragraph with a tracked insertion: the inserted text is part of the document.</summary>
    public DocxBuilder WithInsertion(string before, string inserted) => Add(new Paragraph(
        Run(before), new InsertedRun(Run(inserted)) { Id = "2", Author = "Editor" }));

    /// <summary>A paragraph with a comment anchored on it.</summary>
    public DocxBuilder WithComment(string text, string comment)
    {
        var id = comments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        comments.Add(comment);
        return Add(new Paragraph(
            new CommentRangeStart { Id = id }, Run(text), new CommentRangeEnd { Id = id },
            new Run(new CommentReference { Id = id })));
    }

    /// <summary>A paragraph holding a visible and a hidden (vanish) run.</summary>
    public DocxBuilder WithHidden(string visible, string hidden) => Add(new Paragraph(
        Run(visible), new Run(new RunProperties(new Vanish()), new Text(hidden) { Space = SpaceProcessingModeValues.Preserve })));

    /// <summary>A paragraph with a hyperlink to an external address.</summary>
    public DocxBuilder WithLink(string before, string linkText, string url)
    {
        links.Add((url, $"rLink{links.Count}"));
        return Add(new Paragraph(Run(before), new Hyperlink(Run(linkText)) { Id = links[^1].Id }));
    }

    private readonly List<(string Url, string Id)> links = [];

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var sectionProperties = new SectionProperties();
            if (headers.Count > 0)
            {
                var part = main.AddNewPart<HeaderPart>();
                part.Header = new DocumentFormat.OpenXml.Wordprocessing.Header(headers.Select(h => new Paragraph(Run(h))));
                sectionProperties.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }

            if (footers.Count > 0)
            {
                var part = main.AddNewPart<FooterPart>();
                part.Footer = new DocumentFormat.OpenXml.Wordprocessing.Footer(footers.Select(f => new Paragraph(Run(f))));
                sectionProperties.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }

            if (comments.Count > 0)
            {
                var part = main.AddNewPart<WordprocessingCommentsPart>();
                part.Comments = new Comments(comments.Select((c, i) => new Comment(new Paragraph(Run(c)))
                {
                    Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Author = "Reviewer",
                }));
            }

            foreach (var (url, id) in links)
            {
                main.AddHyperlinkRelationship(new Uri(url), isExternal: true, id);
            }

            main.Document = new Document(new Body(body.Append(sectionProperties)));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Run Run(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private DocxBuilder Add(OpenXmlElement element)
    {
        table = null;
        body.Add(element);
        return this;
    }
}
