using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Word documents (.docx): the title from the Title style, else the first heading, else the document's
/// title property; the body's headings, paragraphs, lists, links and tables as HTML, which then goes
/// through the HTML reader (date, organisation, noise) and the sanitizer like any page. Only what a
/// reader of the printed document sees is taken: tracked deletions, comments, hidden text, field codes,
/// headers, footers, macros and embedded objects never reach the release (the header's and footer's lines are kept
/// aside as the letterhead, whose name may say who sent it).
/// </summary>
internal static class DocxReader
{
    /// <summary>The most characters any one part may hold once unpacked: a small archive must not unpack into gigabytes.</summary>
    private const long MaxCharactersInPart = 20_000_000;

    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ReleaseDraft Read(byte[] content, CancellationToken budget = default)
    {
        if (content.AsSpan().StartsWith(CompoundFileSignature))
        {
            // Word saves a password-protected .docx as an OLE compound file holding the encrypted package.
            throw new RejectionException(RejectionCodes.EncryptedDocument,
                "The document is password-protected (or an old binary .doc); save it without a password as a .docx.");
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings
            {
                MaxCharactersInPart = MaxCharactersInPart,
                AutoSave = false,
            });
            return ReadDocument(document, budget);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException
            or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            throw new RejectionException(RejectionCodes.CorruptDocument,
                $"The file is not a readable Word document (.docx): {TextCleaner.SingleLine(ex.Message, 160)}");
        }
    }

    private static ReleaseDraft ReadDocument(WordprocessingDocument document, CancellationToken budget)
    {
        var main = document.MainDocumentPart
            ?? throw new RejectionException(RejectionCodes.CorruptDocument, "The file is a zip archive but holds no Word document.");
        var body = main.Document?.Body
            ?? throw new RejectionException(RejectionCodes.CorruptDocument, "The Word document has no body.");

        var draft = new ReleaseDraft { Format = ReleaseFormat.Docx, Budget = budget };
        // Without a Title style, the first heading is the title only when no running text stands above it (else it is a section's
        // heading, "Propuesta menos costosa ..."); then the document's title property, then the line that reads as the headline,
        // as in a text upload ("NOAA 94-4" / "Contact: ..." / "1/11/94" above "SEVERE WEATHER WARNINGS ...").
        var heading = TitleParagraph(body, style => HeadingLevel(style) is not null);
        var titleParagraph = TitleParagraph(body, IsTitleStyle)
            ?? (heading is not null && !RunningTextAbove(body, heading) ? HeadlineAbove(body, heading) ?? heading : null);
        var propertyTitle = NullIfEmpty(TextCleaner.SingleLine(document.PackageProperties.Title));
        if (titleParagraph is null && propertyTitle is null)
        {
            titleParagraph = HeadlineParagraph(body) ?? heading;
        }

        draft.Title = titleParagraph is null ? propertyTitle : TextCleaner.SingleLine(DocxHtmlWriter.PlainText(titleParagraph));
        // Above the headline, as in a plain text, a letterhead's date line still dates the release ("NOAA 94-4", "Contact: ...", "1/11/94").
        foreach (var above in body.Elements<Paragraph>().TakeWhile(p => titleParagraph is not null && !ReferenceEquals(p, titleParagraph)).Take(12))
        {
            if (TextCleaner.SingleLine(DocxHtmlWriter.PlainText(above), 300) is { Length: > 0 and <= 200 } line)
            {
                MetaLine.TryRead(line, draft);
            }
        }

        var writer = new DocxHtmlWriter(main);
        foreach (var block in body.ChildElements.Where(b => !ReferenceEquals(b, titleParagraph)))
        {
            budget.ThrowIfCancellationRequested();
            writer.Block(block);
        }

        HtmlReader.ReadInto(draft, "<html><body><article>" + writer.Html + "</article></body></html>", draft.Title);

        // The running header and footer are no text of the release, but as its letterhead they may name the sender.
        draft.LetterheadLines.AddRange(main.HeaderParts.Select(h => h.Header).Concat<OpenXmlCompositeElement?>(main.FooterParts.Select(f => f.Footer))
            .OfType<OpenXmlCompositeElement>().SelectMany(part => part.Descendants<Paragraph>()).Take(12)
            .Select(p => TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p), 300)).Where(l => l.Length > 0));
        return draft;
    }

    /// <summary>The first top-level paragraph with visible text in a style that passes the test.</summary>
    private static Paragraph? TitleParagraph(Body body, Func<string, bool> isStyle) =>
        body.Elements<Paragraph>().FirstOrDefault(p => StyleOf(p) is { } style && isStyle(style)
            && TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p)).Length > 0);

    private static bool RunningTextAbove(Body body, Paragraph heading) =>
        body.Elements<Paragraph>().TakeWhile(p => !ReferenceEquals(p, heading))
            .Any(p => HeadlineFinder.IsBodyParagraph(TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p), 2000)));

    /// <summary>The top-level paragraph that reads as the headline of the document's opening lines, or null.</summary>
    private static Paragraph? HeadlineParagraph(Body body)
    {
        var paragraphs = body.Elements<Paragraph>().Take(60).ToList();
        var lines = paragraphs.Select(p => TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p), 2000)).ToList();
        var index = HeadlineFinder.Find(lines, 0);
        if (index >= 0 && HeadlineFinder.IsHeadlineLike(lines[index]))
        {
            return paragraphs[index];
        }

        // A short line found above the date line that reads as no headline (a photo's credit, "Fotos: Minsa"): a document has no
        // page chrome, so its first line that reads as a headline above it is the title.
        var first = index < 0 ? -1 : lines.Take(index).ToList().FindIndex(l => HeadlineFinder.IsHeadlineLike(l) && !HeadlineFinder.IsNameAlone(l));
        return first >= 0 ? paragraphs[first] : null;
    }

    /// <summary>
    /// The headline set as a plain paragraph in capitals above the document's first heading, which is then its deck ("EXAMPLE
    /// ANNOUNCES MAJOR INVESTMENT" over a Heading 2 "Investment brings 500 jobs"); never an issuer's name alone.
    /// </summary>
    private static Paragraph? HeadlineAbove(Body body, Paragraph heading)
    {
        var above = body.Elements<Paragraph>().TakeWhile(p => !ReferenceEquals(p, heading))
            .Where(p => TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p)).Length > 0).ToList();
        if (above.Count == 0 || TextCleaner.SingleLine(DocxHtmlWriter.PlainText(above[^1])) is not { } line)
        {
            return null;
        }

        return line.Any(char.IsLetter) && !line.Any(char.IsLower) && HeadlineFinder.IsHeadlineLike(line) && !HeadlineFinder.IsIssuersName(line)
            && TextCleaner.CountWords(line) >= 4
            ? above[^1]
            : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static readonly string[] TitleStyles = ["title", "titel", "titre", "ttulo", "título", "titolo"];

    private static readonly string[] HeadingStyles = ["heading", "berschrift", "überschrift", "titre", "kop", "rubrik", "overskrift", "encabezado", "titolo"];

    internal static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    /// <summary>The Title style, by its id in the languages Word is used in here.</summary>
    internal static bool IsTitleStyle(string style) => TitleStyles.Contains(style.Trim().ToLowerInvariant());

    /// <summary>Heading 1 to 6 by style id: "Heading1", "heading 2", and Word's localized ids ("berschrift3", "Titre2", "Kop1").</summary>
    internal static int? HeadingLevel(string style)
    {
        var lower = style.Trim().ToLowerInvariant();
        if (lower.Length < 2 || lower[^1] is < '1' or > '6' || !HeadingStyles.Any(h => lower.StartsWith(h, StringComparison.Ordinal)))
        {
            return null;
        }

        return lower[^1] - '0';
    }
}
