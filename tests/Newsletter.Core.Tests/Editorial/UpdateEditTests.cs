using Newsletter.Core.Editorial;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Tests.Editorial;

public sealed class UpdateEditTests
{
    private static readonly string[] Topics = ["Research", "Innovation", "Funding"];

    private static readonly Update Sample = new()
    {
        Id = "u1", MemberId = "kth", ReleaseId = "r1", Title = "Sand battery stores heat", Date = new DateOnly(2026, 12, 1),
        Organisation = "KTH", Summary = "Heat kept in sand.", BodyHtml = "<p>x</p>", BodyText = "x", ContentHash = "h", Topics = ["Research"],
    };

    [Fact]
    public void Check_CleansTheText_AndKeepsTopicsByTheirKey_AsAnUploadsAre()
    {
        var (clean, errors) = new UpdateEdit("  Sand\nbattery  ", "Heat\tkept.", " KTH ", ["innovation", "INNOVATION", "research"]).Check(Topics);

        Assert.Empty(errors);
        Assert.Equal("Sand battery", clean!.Title);
        Assert.Equal("Heat kept.", clean.Summary);
        Assert.Equal("KTH", clean.Organisation);
        Assert.Equal(["innovation", "research"], clean.Topics);
    }

    [Fact]
    public void Check_NamesEachProblemByField()
    {
        var (clean, errors) = new UpdateEdit("", new string('a', UpdateEdit.MaxSummary + 1), " ", ["Astrology"]).Check(Topics);

        Assert.Null(clean);
        Assert.Equal("Give a title.", errors["title"]);
        Assert.Equal("Keep it to 1,000 characters (this has 1,001).", errors["summary"]);
        Assert.Equal("Give the organisation's name.", errors["organisation"]);
        Assert.Equal("'Astrology' is not a topic readers can choose: use Research, Innovation, Funding.", errors["topics"]);
    }

    [Fact]
    public void ChangesTo_ListsOnlyWhatDiffers_AndTopicOrderIsNoChange()
    {
        Assert.Empty(new UpdateEdit(Sample.Title, Sample.Summary, Sample.Organisation, ["Research"]).ChangesTo(Sample));
        Assert.Empty(new UpdateEdit(Sample.Title, Sample.Summary, Sample.Organisation, ["research"]).ChangesTo(Sample));

        var changes = new UpdateEdit("Sand battery keeps heat", Sample.Summary, Sample.Organisation, ["Funding", "Research"]).ChangesTo(Sample);

        Assert.Equal(
            [new FieldChange("title", "Sand battery stores heat", "Sand battery keeps heat"), new FieldChange("topics", "research", "funding, research")],
            changes);
    }

    [Fact]
    public void TextDiff_MarksRemovedAndAddedWords_AndKeepsTheRestWithItsSpaces()
    {
        var pieces = TextDiff.Words("Sand battery stores heat for months", "Sand battery keeps heat for months");

        Assert.Equal(
            [new DiffPiece(DiffKind.Same, "Sand battery "), new DiffPiece(DiffKind.Removed, "stores"), new DiffPiece(DiffKind.Added, "keeps"), new DiffPiece(DiffKind.Same, " heat for months")],
            pieces);
        Assert.Equal("Sand battery keeps heat for months", string.Concat(pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
        Assert.Equal([new DiffPiece(DiffKind.Added, "New")], TextDiff.Words("", "New"));
    }
}
