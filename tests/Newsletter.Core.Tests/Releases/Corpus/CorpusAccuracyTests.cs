using System.Globalization;
using System.Text;
using Newsletter.Core.Releases;
using Xunit.Abstractions;

namespace Newsletter.Core.Tests.Releases.Corpus;

/// <summary>
/// Measures the parser on real press releases (tests/Newsletter.Core.Tests/Data/corpus). The holdout
/// third was set aside before the heuristics were written, so its figures measure generalisation.
/// Set CORPUS_PARTS=development to print the development part only (while working on the parser).
/// </summary>
public class CorpusAccuracyTests(ITestOutputHelper output)
{
    private static readonly string[] Formats = [".txt", ".md", ".html", ".eml", ".json", ".docx"];

    [Fact]
    public void Manifest_DescribesAVariedCorpus_WithAThirdHeldOut()
    {
        var releases = CorpusManifest.Load().Releases;

        Assert.True(releases.Count >= 30, $"{releases.Count} releases; at least 30 are needed");
        Assert.True(releases.Select(r => r.Organisation).Distinct().Count() >= 25, "at least 25 organisations");
        Assert.True(releases.Select(r => r.Language).Distinct().Count() >= 4, "several languages");
        Assert.True(releases.Select(r => r.Country).Distinct().Count() >= 4, "several countries");
        foreach (var format in Formats)
        {
            Assert.Contains(releases, r => r.File.EndsWith(format, StringComparison.Ordinal));
        }

        var holdout = releases.Count(r => r.Holdout);
        Assert.InRange(holdout, releases.Count / 3, (releases.Count + 2) / 3);
        Assert.Equal(releases.Count, releases.Select(r => r.File).Distinct().Count());
        Assert.All(releases, r =>
        {
            Assert.True(File.Exists(Path.Combine(CorpusManifest.Folder, r.Source)), r.Source);
            Assert.StartsWith("http", r.SourceUrl, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Corpus_AccuracyTable()
    {
        var releases = CorpusManifest.Load().Releases;
        var developmentOnly = Environment.GetEnvironmentVariable("CORPUS_PARTS") == "development";
        var results = releases
            .Where(r => !developmentOnly || !r.Holdout)
            .Select(r => (Entry: r, Result: CorpusManifest.Parse(r)))
            .ToList();

        var table = new StringBuilder();
        table.AppendLine("| part | releases | title | date | organisation | title and date |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var development = Measure(results.Where(r => !r.Entry.Holdout).ToList());
        table.AppendLine(development.Row("development"));
        Score? holdout = null;
        if (!developmentOnly)
        {
            holdout = Measure(results.Where(r => r.Entry.Holdout).ToList());
            table.AppendLine(holdout.Row("holdout"));
            table.AppendLine(Measure(results).Row("all"));
        }

        output.WriteLine(table.ToString());
        foreach (var (entry, result) in results)
        {
            var release = result.Release;
            if (!(entry.TitleMatches(release) && entry.DateMatches(release) && entry.OrganisationMatches(release)))
            {
                output.WriteLine($"{entry.File}: {(release is null ? result.Rejection!.ToString() : $"title '{release.Title}', date {release.Date}, organisation '{release.Organisation}'")}");
            }
        }
    }

    private static Score Measure(List<(CorpusEntry Entry, ParseResult Result)> results) => new(
        results.Count,
        results.Count(r => r.Entry.TitleMatches(r.Result.Release)),
        results.Count(r => r.Entry.DateMatches(r.Result.Release)),
        results.Count(r => r.Entry.OrganisationMatches(r.Result.Release)),
        results.Count(r => r.Entry.TitleMatches(r.Result.Release) && r.Entry.DateMatches(r.Result.Release)));

    private sealed record Score(int Count, int Title, int Date, int Organisation, int TitleAndDate)
    {
        public double TitleAndDateShare => Share(TitleAndDate);

        public double OrganisationShare => Share(Organisation);

        public string Row(string part) =>
            $"| {part} | {Count} | {Percent(Title)} | {Percent(Date)} | {Percent(Organisation)} | {Percent(TitleAndDate)} |";

        private double Share(int value) => Count == 0 ? 0 : (double)value / Count;

        private string Percent(int value) => string.Create(CultureInfo.InvariantCulture, $"{Share(value) * 100:0}% ({value})");
    }
}
