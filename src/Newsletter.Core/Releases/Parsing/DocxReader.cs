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
/// headers, footers, macros and embedded objects never reach the release.
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
        var titleParagraph = TitleParagraph(body, IsTitleStyle) ?? TitleParagraph(body, style => HeadingLevel(style) is not null);
        draft.Title = titleParagraph is null
            ? NullIfEmpty(TextCleaner.SingleLine(document.PackageProperties.Title))
            : TextCleaner.SingleLine(DocxHtmlWriter.PlainText(titleParagraph));

        var writer = new DocxHtmlWriter(main);
        foreach (var block in body.ChildElements.Where(b => !ReferenceEquals(b, titleParagraph)))
        {
            budget.ThrowIfCancellationRequested();
            writer.Block(block);
        }

        HtmlReader.ReadInto(draft, "<html><body><article>" + writer.Html + "</article></body></html>", draft.Title);
        return draft;
    }

    /// <summary>The first top-level paragraph with visible text in a style that passes the test.</summary>
    private static Paragraph? TitleParagraph(Body body, Func<string, bool> isStyle) =>
        body.Elements<Paragraph>().FirstOrDefault(p => StyleOf(p) is { } style && isStyle(style)
            && TextCleaner.SingleLine(DocxHtmlWriter.PlainText(p)).Length > 0);

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
