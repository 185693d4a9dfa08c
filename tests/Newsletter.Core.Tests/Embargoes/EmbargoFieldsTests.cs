using System.Text;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Embargoes;

public class EmbargoFieldsTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReleaseForm Form(string date, string time, string zone = "", string fold = "") =>
        new() { Title = "New catalyst", Body = "The catalyst splits water at room temperature.", EmbargoDate = date, EmbargoTime = time, EmbargoZone = zone, EmbargoFold = fold };

    [Theory]
    [InlineData("2026-03-29", "10:00", "", "2026-03-29T08:00:00Z")]
    [InlineData("2026-10-25", "10:00", "", "2026-10-25T09:00:00Z")]
    [InlineData("2026-10-25", "10:00", "UTC", "2026-10-25T10:00:00Z")]
    [InlineData("2026-10-25", "02:30", "", "2026-10-25T00:30:00Z", "earlier")]
    [InlineData("2026-10-25", "02:30", "", "2026-10-25T01:30:00Z", "later")]
    public void DayTimeAndZone_LandOnTheirUtcMoment(string date, string time, string zone, string utc, string fold = "")
    {
        var (at, problem) = EmbargoFields.Read(Form(date, time, zone, fold), Brussels, Now);

        Assert.Null(problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("2026-03-29", "02:30", "", "embargo", "does not exist")]
    [InlineData("2026-10-25", "02:30", "", "embargo-fold", "Choose which")]
    [InlineData("2026-04-01", "", "", "embargo", "both")]
    [InlineData("2027-04-01", "10:00", "", "embargo", "more than a year")]
    [InlineData("2026-04-01", "10:00", "Mars/Olympus", "embargo", "from the list")]
    public void FieldsThatNameNoSingleMoment_GetTheirProblem(string date, string time, string zone, string field, string says)
    {
        var (at, problem) = EmbargoFields.Read(Form(date, time, zone), Brussels, Now);

        Assert.Null(at);
        Assert.Equal(field, problem!.Field);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFold_OffersBothMoments_EarlierFirst()
    {
        var choices = EmbargoFields.FoldChoices(Form("2026-10-25", "02:30"), Brussels);

        Assert.Equal([new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)], choices);
    }

    [Fact]
    public void TheWrittenRelease_CarriesTheEmbargo_AndEditingKeepsIt()
    {
        var (at, _) = EmbargoFields.Read(Form("2026-03-29", "10:00"), Brussels, Now);
        var release = ReleaseParser.Parse(ReleaseFormWriter.Write(Form("2026-03-29", "10:00"), at), ReleaseFormWriter.FileName).Release!;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(release.EmbargoField!, System.Globalization.CultureInfo.InvariantCulture));
        var again = EmbargoFields.WithEmbargo(new ReleaseForm(), at);
        Assert.Equal(new EmbargoEntry(at, null), EmbargoFields.Read(again with { Body = "x" }, Brussels, Now));
        Assert.DoesNotContain("\"embargo\": \"", Encoding.UTF8.GetString(ReleaseFormWriter.Write(Form("", ""))), StringComparison.Ordinal);
    }
}
