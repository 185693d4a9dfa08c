using System.Text;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Subscriptions.Transfer;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>Reading and checking a readers CSV file as a whole: every bad row named by its line and reason, hostile files refused, nothing half-read.</summary>
public sealed class ReaderCsvTests
{
    private static readonly string[] Topics = ["Research", "Innovation", "Funding"];
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static ReaderCsvFile Read(string text) => ReaderCsv.Read(Encoding.UTF8.GetBytes(text), Topics, Now);

    [Fact]
    public void GoodRows_KeepTheirChoicesAndConsentEvidence_InAnyColumnOrderAndCase()
    {
        var file = Read("Consent_Source,EMAIL,name,topics,frequency,consented_at\n" +
            "Spring fair sign-up sheet,Ada@Example.ORG,Ada Lovelace,research; funding,daily,2025-03-14\n" +
            ",bo@example.org,,,,\n");

        Assert.True(file.IsValid, string.Join("; ", file.Problems));
        var ada = file.Rows[0];
        Assert.Equal("Ada@example.org", ada.Address.Address);
        Assert.Equal("Ada Lovelace", ada.Choices.Name);
        Assert.Equal(["Research", "Funding"], ada.Choices.Topics);
        Assert.Equal(Frequency.Daily, ada.Choices.Frequency);
        Assert.Equal(new ImportedConsent(new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero), "Spring fair sign-up sheet", null), ada.Consent);
        Assert.Null(file.Rows[1].Consent);
        Assert.Equal(Frequency.Weekly, file.Rows[1].Choices.Frequency);
    }

    [Fact]
    public void BadRows_AreReportedByTheirLine_WithTheReason_AndNoRowIsKept()
    {
        var file = Read("email,name,topics,frequency,consented_at,consent_source\n" +
            "ok@example.org,,,,,\n" +
            "not-an-address,,,,,\n" +
            "cy@example.org,,Astrology,,,\n" +
            "di@example.org,,,,14/03/2025,Fair\n" +
            "OK@example.org,,,,,\n" +
            "ed@example.org,,,hourly,,\n" +
            "fi@example.org,,,,2025-03-14,\n" +
            "gus@example.org,too,many,fields,,,,\n" +
            "\"ha@example.org\",\"Ha, \"\"Jr\"\"\",,,2031-01-01,Fair\n");

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        var byLine = file.Problems.ToDictionary(p => p.Line, p => p.Message);
        Assert.Equal(8, file.ProblemCount);
        Assert.StartsWith("bad address 'not-an-address'", byLine[3], StringComparison.Ordinal);
        Assert.StartsWith("unknown topic 'Astrology'", byLine[4], StringComparison.Ordinal);
        Assert.StartsWith("bad date '14/03/2025' in consented_at", byLine[5], StringComparison.Ordinal);
        Assert.Equal("duplicate row: the address OK@example.org is on line 2 already", byLine[6]);
        Assert.StartsWith("bad frequency 'hourly'", byLine[7], StringComparison.Ordinal);
        Assert.StartsWith("consented_at without consent_source", byLine[8], StringComparison.Ordinal);
        Assert.StartsWith("8 fields where the header has 6", byLine[9], StringComparison.Ordinal);
        Assert.Equal("consented_at 2031-01-01 is in the future", byLine[10]);
    }

    [Fact]
    public void LineNumbers_CountTheLinesInsideQuotedFields_AndBlankLines()
    {
        var file = Read("email,name\r\n\"a@example.org\",\"two\r\nlines\"\r\n\r\nbad,\r\n");

        Assert.Equal([2, 5], file.Problems.Select(p => p.Line));
        Assert.Equal("the name holds a line break or a control character", file.Problems[0].Message);
    }

    [Theory]
    [InlineData("bom")]
    [InlineData("crlf")]
    [InlineData("utf16")]
    public void ByteOrderMarks_AndLineEndings_ReadAlike(string shape)
    {
        var text = "email,name\na@example.org,Åsa Öberg\nb@example.org,\"Bo, \"\"the\"\" Second\"\n";
        byte[] bytes = shape switch
        {
            "bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "crlf" => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)),
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        };

        var file = ReaderCsv.Read(bytes, Topics, Now);

        Assert.True(file.IsValid, string.Join("; ", file.Problems));
        Assert.Equal(["Åsa Öberg", "Bo, \"the\" Second"], file.Rows.Select(r => r.Choices.Name));
    }

    [Fact]
    public void ABinaryFile_IsRefusedAsAWhole()
    {
        var bytes = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(bytes);

        var file = ReaderCsv.Read(bytes, Topics, Now);

        var problem = Assert.Single(file.Problems);
        Assert.Equal(0, problem.Line);
        Assert.Contains("not a CSV text file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithNulBytes_IsRefusedAsBinary()
    {
        var file = Read("email\na@example.org\0\0\n");

        Assert.Contains("binary data (a control character on line 2)", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("email\n", "no readers below it")]
    [InlineData("name,city\nAda,London\n", "unknown column 'city'")]
    [InlineData("name\nAda\n", "no 'email' column")]
    [InlineData("email,Email\na@example.org,b@example.org\n", "in the header twice")]
    [InlineData("email;name\na@example.org;Ada\n", "seems to use ';' between columns")]
    public void AFileWithoutAUsableHeader_IsRefusedSayingWhy(string text, string expected)
    {
        var file = Read(text);

        Assert.Contains(expected, Assert.Single(file.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void AStrayQuote_IsReportedOnItsLine()
    {
        var file = Read("email,name\na@example.org,Ada\nb@example.org,\"Bo\" the Second\nc@example.org,Cy\n");

        var problem = Assert.Single(file.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("double quote", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheFirstProblemsAreKept_ButAllAreCounted()
    {
        var text = "email\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"bad{i}\n"));

        var file = Read(text);

        Assert.Equal(500, file.ProblemCount);
        Assert.Equal(ReaderCsv.MaxProblemsKept, file.Problems.Count);
    }

    [Fact]
    public void BidiControls_AreTakenOutOfNamesAndConsentSources()
    {
        var file = Read("email,name,consented_at,consent_source\na@example.org,Ada \u202Eevil\u202C,2025-03-14,\u2067Spring fair\u2069 2025\n");

        var row = Assert.Single(file.Rows);
        Assert.Equal(("Ada evil", "Spring fair 2025"), (row.Choices.Name, row.Consent!.Source));
    }

    [Fact]
    public void ACellTheExportEscaped_IsReadBackWithoutItsApostrophe()
    {
        var file = Read("email,name\na@example.org,\"'=HYPERLINK(\"\"x\"\")\"\n");

        Assert.Equal("=HYPERLINK(\"x\")", Assert.Single(file.Rows).Choices.Name);
    }

    [Theory]
    [InlineData("2026-12-02T12:00:00Z", false)] // three hours from now, said in UTC
    [InlineData("2026-12-02T15:00:00+05:00", false)] // an hour from now, in its own zone
    [InlineData("2026-12-03", false)] // a day that has begun nowhere yet
    [InlineData("2026-12-02T09:03:00Z", true)] // clock skew
    [InlineData("2026-12-02T12:00:00+05:00", true)] // 07:00 UTC
    [InlineData("2026-12-02T20:00", true)] // no zone: already past in UTC+14
    [InlineData("2026-12-02", true)]
    public void AConsentDateInTheFuture_IsRefused_AsTheLatestMomentItCanMean(string date, bool accepted)
    {
        var file = Read($"email,consented_at,consent_source\na@example.org,{date},Fair\n");

        Assert.Equal(accepted, file.IsValid);
        if (!accepted)
        {
            Assert.Equal($"consented_at {date} is in the future", Assert.Single(file.Problems).Message);
        }
    }
}
