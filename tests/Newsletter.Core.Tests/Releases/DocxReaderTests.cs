using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

public class DocxReaderTests
{
    private const string Lead = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before.";

    [Fact]
    public void TitleStyle_IsTheTitle_AndTheBodyKeepsHeadingsListsLinksAndTables()
    {
        var docx = new DocxBuilder()
            .Styled("Title", "New catalyst splits water")
            .Paragraph(Lead)
            .Styled("Heading1", "What comes next")
            .ListItem("A pilot plant in 2025")
            .ListItem("A spin-off company")
            .WithLink("Read the paper at ", "the journal", "https://example.org/paper")
            .Row("Catalyst", "Energy")
            .Row("Old", "100%")
            .Build();

        var release = Accept(docx, "release.docx");

        Assert.Equal("New catalyst splits water", release.Title);
        Assert.Equal(ReleaseFormat.Docx, release.Format);
        Assert.StartsWith("<p>Researchers at the institute", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<h2>What comes next</h2>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<ul><li>A pilot plant in 2025</li><li>A spin-off company</li></ul>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/paper\" rel=\"noopener noreferrer\">the journal</a>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<td>Old</td><td>100%</td>", release.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("New catalyst splits water", release.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Heading1")]
    [InlineData("berschrift1")]
    [InlineData("Kop2")]
    public void WithoutATitleStyle_TheFirstHeadingIsTheTitle(string style)
    {
        var docx = new DocxBuilder().Paragraph("   ").Styled(style, "Catalyst breakthrough").Paragraph(Lead).Build();

        var release = Accept(docx, "release.docx");

        Assert.Equal("Catalyst breakthrough", release.Title);
        Assert.DoesNotContain("Catalyst breakthrough", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void DateAndOrganisation_AreFoundAsInTheOtherFormats()
    {
        var docx = new DocxBuilder()
            .Styled("Title", "New catalyst splits water")
            .Paragraph("11 Dec 2019 | Network Updates | Update from Institute of Chemistry")
            .Paragraph(Lead)
            .Build();

        var release = Accept(docx, "release.docx");

        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
        Assert.Equal("Institute of Chemistry", release.Organisation);
        Assert.DoesNotContain("Network Updates", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void TrackedDeletions_NeverReachTheBody_InsertionsDo()
    {
        var docx = new DocxBuilder()
            .Styled("Title", "New catalyst splits water")
            .WithDeletion("The catalyst works ", "only in the dark and costs a fortune ", "at room temperature.")
            .WithInsertion(Lead, " It is cheap.")
            .Build();

        var release = Accept(docx, "release.docx");

        Assert.Contains("The catalyst works at room temperature.", release.BodyText, StringComparison.Ordinal);
        Assert.Contains("It is cheap.", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("fortune", release.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_HiddenText_HeadersAndFooters_NeverReachTheRelease()
    {
        var docx = new DocxBuilder()
            .Header("CONFIDENTIAL DRAFT header")
            .Styled("Title", "New catalyst splits water")
            .WithComment(Lead, "Reviewer note: do not publish the figures")
            .WithHidden("Visible sentence.", " Hidden internal remark.")
            .Footer("Page 1 of 1 footer")
            .Build();

        var release = Accept(docx, "release.docx");

        Assert.Contains("Visible sentence.", release.BodyText, StringComparison.Ordinal);
        foreach (var secret in new[] { "Reviewer note", "Hidden internal remark", "CONFIDENTIAL", "footer" })
        {
            Assert.DoesNotContain(secret, release.BodyHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, release.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MarkupInTheText_IsText_AndUnsafeLinksLoseTheirTarget()
    {
        var docx = new DocxBuilder()
            .Styled("Title", "<b>Catalyst</b> news")
            .Paragraph("<script>alert(1)</script> " + Lead)
            .WithLink("See ", "this", "javascript:alert(1)")
            .Build();

        var release = Accept(docx, "release.docx");

        Assert.Equal("<b>Catalyst</b> news", release.Title);
        Assert.DoesNotContain("<script", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", release.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", release.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void MacrosAndEmbeddedObjects_AreIgnored()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.MacroEnabledDocument))
        {
            var main = document.AddMainDocumentPart();
            var vba = main.AddNewPart<VbaProjectPart>();
            vba.FeedData(new MemoryStream("Sub AutoOpen() MACRO-SECRET End Sub"u8.ToArray()));
            var embedded = main.AddEmbeddedPackagePart(EmbeddedPackagePartType.Docx);
            embedded.FeedData(new MemoryStream(new DocxBuilder().Paragraph("OLE-SECRET").Build()));
            main.Document = new Document(new Body(
                new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), new Run(new Text("New catalyst splits water"))),
                new Paragraph(new Run(new Text(Lead))),
                new Paragraph(new Run(new EmbeddedObject(new DocumentFormat.OpenXml.Vml.Shape { Id = "ole1" })))));
            main.Document.Save();
        }

        var release = Accept(stream.ToArray(), "release.docx");

        Assert.Equal("New catalyst splits water", release.Title);
        Assert.Equal($"{Lead}", release.BodyText);
    }

    [Fact]
    public void ACorruptFile_IsRejectedWithItsOwnCode()
    {
        var whole = new DocxBuilder().Styled("Title", "New catalyst").Paragraph(Lead).Build();

        Assert.Equal(RejectionCodes.CorruptDocument, Reject(whole[..(whole.Length / 2)], "release.docx").Code);
        Assert.Equal(RejectionCodes.CorruptDocument, Reject("Title\n\nThis is plain text named .docx."u8.ToArray(), "release.docx").Code);
        Assert.Equal(RejectionCodes.CorruptDocument, Reject(ZipWithout("word/document.xml"), "release.docx").Code);
    }

    [Fact]
    public void AnEncryptedDocument_IsRejectedWithItsOwnCode()
    {
        // Word stores a password-protected .docx as an OLE compound file (EncryptionInfo + EncryptedPackage).
        byte[] compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var rejection = Reject(compound, "release.docx");

        Assert.Equal(RejectionCodes.EncryptedDocument, rejection.Code);
        Assert.Contains("password", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentType_AloneNamesAWordDocument()
    {
        var docx = new DocxBuilder().Styled("Title", "New catalyst splits water").Paragraph(Lead).Build();

        var result = ReleaseParser.Parse(docx, "upload", ReleaseFormats.WordContentType);

        Assert.Equal(ReleaseFormat.Docx, result.Release?.Format);
    }

    private static byte[] ZipWithout(string entryName)
    {
        var docx = new DocxBuilder().Styled("Title", "New catalyst").Paragraph(Lead).Build();
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(entryName)!.Delete();
        }

        return stream.ToArray();
    }
}
