using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Releases;

public class SeedReleaseTests
{
    internal static byte[] Seed() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt"));

    private static ParsedRelease Parse(UploadContext? context = null)
    {
        var result = ReleaseParser.Parse(Seed(), "000_b7378eae2ff0391e.txt", context: context);
        Assert.True(result.Accepted, result.Rejection?.ToString());
        return result.Release!;
    }

    [Fact]
    public void Seed_GivesTheExactTitleDateAndOrganisation()
    {
        var release = Parse();

        Assert.Equal("Servier and UCL collaborate in fight against immune-inflammatory diseases", release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
        Assert.Equal("University College London", release.Organisation);
        Assert.Equal(ReleaseFormat.Text, release.Format);
    }

    [Fact]
    public void Seed_HasNoBoilerplateLines()
    {
        var release = Parse();

        Assert.DoesNotContain("These updates are republished", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Never miss an update", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Newsletter sign-up", release.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Network Updates |", release.BodyText, StringComparison.Ordinal);
        Assert.StartsWith("Accelerating the discovery of new treatments", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_KeepsTheDatelineAndFootnotesInTheBody()
    {
        var release = Parse();

        Assert.Contains("Paris and London, December 10, 2019 - Under an initial two-year agreement", release.BodyText, StringComparison.Ordinal);
        Assert.Contains("[2] Decision Resources GROUP", release.BodyText, StringComparison.Ordinal);
        Assert.Contains("<p>Lupus affects approximately 100 in 100,000 people in UK[1]", release.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_HasASummaryCutAtAWord_AndAWordCount()
    {
        var release = Parse();

        Assert.StartsWith("Accelerating the discovery of new treatments for immune-inflammatory diseases", release.Summary, StringComparison.Ordinal);
        Assert.True(release.Summary.Length <= 300);
        Assert.InRange(release.WordCount, 600, 800);
        Assert.Equal("en", release.Language);
    }

    [Fact]
    public void Seed_UploadedByAMember_UsesTheMembersName_AndWarnsWhenTheDocumentNamesAnother()
    {
        var release = Parse(new UploadContext { MemberName = "UCL" });

        Assert.Equal("UCL", release.Organisation);
        Assert.Contains(release.Warnings, w => w.Contains("University College London", StringComparison.Ordinal));
    }
}
