using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The letterhead class the corpus's sixth holdout failed on (issue 18; docs/release-formats.md): a Word document's running
/// header or footer names its sender ("X Media Release", "X · street · town"), though it is no text of the release. Its name
/// counts when the text names it too; a republisher's header, a publication's edition line or an address never does.
/// </summary>
public class SixthHoldoutLetterheadTests
{
    private const string Body = "Engineers have shown that a new coating keeps bridges free of rust for twenty years, which could cut the cost of upkeep by half.";

    private static byte[] Document(string[] headers, string[] footers, params string[] paragraphs)
    {
        var builder = new DocxBuilder().Styled("Title", "New coating keeps bridges free of rust");
        foreach (var paragraph in paragraphs)
        {
            builder.Paragraph(paragraph);
        }

        foreach (var header in headers)
        {
            builder.Header(header);
        }

        foreach (var footer in footers)
        {
            builder.Footer(footer);
        }

        return builder.Build();
    }

    // The header names whose release it is and the text goes on to name it, though never as "X announced".
    [Theory]
    [InlineData("Nordvik Media Release", "Nordvik")]
    [InlineData("Brückwerk – Pressemitteilung", "Brückwerk")]
    [InlineData("Nordvik | Persbericht", "Nordvik")]
    [InlineData("Nordvik", "Nordvik")]
    public void Docx_AHeaderNamingTheSender_TheTextNamesToo_IsTheIssuer(string header, string expected)
    {
        var name = expected;
        var docx = Document([header], [],
            $"{Body} The work at {name} took six years.", $"{Body} Test bridges of {name} in two towns stayed clean.", Body);

        Assert.Equal(expected, Accept(docx, "letterhead.docx").Organisation);
    }

    // The footer's first part is the sender, its company suffix kept; the street, town and web address after it are not.
    [Theory]
    [InlineData("Kaleva Tire & Rubber Co., Ltd.", "Kaleva Tire & Rubber Co., Ltd.")]
    [InlineData("Vexamo S.p.A. · Via Roma 1 · 20100 Milano · www.vexamo.example", "Vexamo S.p.A.")]
    [InlineData("Brückwerk, Hafenstraße 4, 20457 Hamburg", "Brückwerk")]
    public void Docx_AFootersFirstPart_IsTheIssuer(string footer, string expected)
    {
        var docx = Document([], [footer], $"{Body} {expected} tested it on two bridges.", Body, $"{Body} {expected} will sell it next year.");

        // Compared as the corpus compares names: a suffix's closing full stop ("Ltd." or "Ltd") is no other name.
        Assert.Equal(TextCleaner.Key(expected), TextCleaner.Key(Accept(docx, "footer.docx").Organisation ?? string.Empty));
    }

    // A republisher's header (a blog's host, "Blogger"), a publication's edition line and an address are no issuer, though
    // the text names the publication and the town.
    [Theory]
    [InlineData("someblog.blogspot.example", "Blogger")]
    [InlineData("Campus Voice - Issue 12", "Campus Voice - News service of the Example Institute of Technology")]
    [InlineData("12 Harbour Street, Porton, Exampleshire", "Phone: 555-0100")]
    public void Docx_ARepublisherOrPublicationOrAddressInTheLetterhead_IsNoIssuer(string header, string footer)
    {
        var docx = Document([header], [footer],
            $"{Body} Readers of Campus Voice in Porton asked about it.", Body,
            $"{Body} The Example Institute of Technology will test it at Porton.", "Contact: Example Institute of Technology press office");

        var organisation = Accept(docx, "republished.docx").Organisation;

        Assert.NotNull(organisation);
        Assert.DoesNotContain(organisation, new[] { "Blogger", "Campus Voice", "Porton", "someblog.blogspot.example" });
    }

    // A letterhead is read only from the first lines of the header and footer, and its names are bounded: a huge header
    // of separators and names parses quickly and names nothing from it.
    [Fact]
    public void Docx_AHugeHostileHeader_IsReadBoundedly()
    {
        var header = string.Concat(Enumerable.Repeat("Name | · – , ", 20_000));
        var docx = Document([header], [header], Body, $"{Body} Example Works tested it.", Body);

        var release = Accept(docx, "hostile.docx");

        Assert.NotEqual("Name", release.Organisation);
    }
}
