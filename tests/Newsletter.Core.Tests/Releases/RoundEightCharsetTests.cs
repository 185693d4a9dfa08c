using System.Text;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A mail whose subject carries raw 8-bit letters in the body's charset instead of encoded words (issue 18;
/// docs/release-formats.md): the subject is read in the charset the mail declares, so no letter is lost. Each with variants
/// of its own that are not corpus files.
/// </summary>
public class RoundEightCharsetTests
{
    static RoundEightCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Mail(string subject, string body, string charset)
    {
        var encoding = Encoding.GetEncoding(charset);
        var head = $"From: Example Group <press@example.org>\r\nTo: news@example.org\r\nSubject: {subject}\r\nDate: Wed, 24 Mar 1999 16:12:05 +0100\r\n"
            + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}";
        return encoding.GetBytes(head);
    }

    [Theory]
    [InlineData("Beslut vid årsstämman i Exempel AB 1999", "iso-8859-1")]
    [InlineData("Déclaration du conseil d'administration à Genève", "iso-8859-1")]
    [InlineData("Größere Förderung für Übungsräume beschlossen", "iso-8859-15")]
    public void Email_ASubjectWithRaw8BitLettersInTheDeclaredCharset_KeepsEveryLetter(string subject, string charset)
    {
        var body = "The shareholders met today and decided on the dividend for the year, which will be paid in April to every holder of record.\r\n\r\nStockholm, 24 March 1999\r\n";

        var release = Accept(Mail(subject, body, charset), "raw-subject.eml");

        Assert.Equal(subject, release.Title);
    }

    // A subject in UTF-8 bytes stays UTF-8 whatever the body declares.
    [Fact]
    public void Email_ASubjectInUtf8Bytes_StaysUtf8()
    {
        const string subject = "Résultats annuels: hausse de 12 % à Zürich";
        var body = Encoding.Latin1.GetBytes("The board met today and decided on the dividend for the year, which will be paid in April to every holder of record.\r\n");
        var head = Encoding.UTF8.GetBytes($"From: Example Group <press@example.org>\r\nSubject: {subject}\r\nDate: Wed, 24 Mar 1999 16:12:05 +0100\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");

        var release = Accept([.. head, .. body], "utf8-subject.eml");

        Assert.Equal(subject, release.Title);
    }
}
