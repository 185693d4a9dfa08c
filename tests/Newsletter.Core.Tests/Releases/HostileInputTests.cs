using System.Text;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

public class HostileInputTests
{
    private const string Body = "The consortium will build a shared data platform for climate research across twelve countries over four years.";

    [Fact]
    public void Empty_IsRejected() => Assert.Equal(RejectionCodes.Empty, Reject([], "e.txt").Code);

    [Fact]
    public void WhitespaceOnly_IsRejectedAsEmpty() => Assert.Equal(RejectionCodes.Empty, Reject(" \r\n\t\n", "e.txt").Code);

    [Fact]
    public void NulBytes_AreRejectedAsBinary() =>
        Assert.Equal(RejectionCodes.Binary, Reject([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41], "r.txt").Code);

    [Fact]
    public void InvalidUtf8_IsRejected()
    {
        var rejection = Reject([.. "Title\n\nCaf"u8, 0xE9, .. " au lait is a drink of coffee and milk."u8], "latin1.txt");

        Assert.Equal(RejectionCodes.InvalidEncoding, rejection.Code);
        Assert.Contains("offset", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTitle_IsRejected() => Assert.Equal(RejectionCodes.NoTitle, Reject("<html><body><p></p></body></html>", "t.html").Code);

    [Fact]
    public void TitleAlone_IsRejectedAsNoBody() => Assert.Equal(RejectionCodes.NoBody, Reject("Just a title\n\n\n", "t.txt").Code);

    [Fact]
    public void UnclosedFrontMatter_IsRejected_NeverATitleThatSwallowedTheNextLines()
    {
        var rejection = Reject($"---\ntitle: Climate data\ndate: 2020-01-02\n\n{Body}\n", "f.md");

        Assert.Equal(RejectionCodes.InvalidFrontMatter, rejection.Code);
        Assert.Contains("never closed", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYaml_IsRejectedWithTheLine()
    {
        var rejection = Reject($"---\ntitle: Climate data\ntopics: [energy, \n  bad: : :\n---\n{Body}\n", "f.md");

        Assert.Equal(RejectionCodes.InvalidFrontMatter, rejection.Code);
        Assert.Contains("line", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-13-45")]
    [InlineData("2021-02-29")]
    [InlineData("next tuesday")]
    public void ImpossibleFrontMatterDate_IsRejected(string date)
    {
        var rejection = Reject($"---\ntitle: Climate data\ndate: {date}\n---\n{Body}\n", "f.md");

        Assert.Equal(RejectionCodes.InvalidDate, rejection.Code);
    }

    [Fact]
    public void InvalidJson_IsRejectedWithThePosition()
    {
        var rejection = Reject("{\"title\": \"Climate\", \"body\": }", "r.json");

        Assert.Equal(RejectionCodes.InvalidJson, rejection.Code);
        Assert.Contains("line 1", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_EventHandlers_JavascriptUrls_Iframes_AndSvgHandlers_AreSanitizedAway()
    {
        var release = Accept($"""
            <h1>Climate <script>alert('title')</script>data platform</h1>
            <p onclick="steal()">{Body}</p>
            <p><a href="javascript:alert(1)">click</a> <a href="https://ok.example/" onmouseover="x()">fine</a></p>
            <iframe src="https://evil.example"></iframe>
            <svg onload="alert(1)"><circle r="1"/></svg>
            <img src=x onerror="alert(1)">
            <p style="background:url(javascript:alert(1))">styled</p>
            <script>document.write('body')</script>
            """, "x.html");

        Assert.Equal("Climate data platform", release.Title);
        foreach (var bad in new[] { "script", "alert", "onclick", "onmouseover", "javascript:", "iframe", "svg", "onerror", "style=", "steal" })
        {
            Assert.DoesNotContain(bad, release.BodyHtml, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<a href=\"https://ok.example/\"", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("styled", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void TextUploads_AreHtmlEncoded()
    {
        var release = Accept($"Title <b>bold</b>\n\n<script>alert(1)</script> {Body}\n", "x.txt");

        Assert.DoesNotContain("<script>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", release.BodyHtml, StringComparison.Ordinal);
        Assert.Equal("Title <b>bold</b>", release.Title);
    }

    [Theory]
    [InlineData("Climate\r\nBcc: victim@example.org")]
    [InlineData("Climate\u0000\u0007\u001b[31m data")]
    [InlineData("Climate\u202Eatad")]
    public void HeaderBoundFields_LoseCrLfAndControlCharacters(string hostileTitle)
    {
        var release = Accept($"---\ntitle: \"{hostileTitle.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u0000", "\\0", StringComparison.Ordinal).Replace("\u0007", "\\a", StringComparison.Ordinal).Replace("\u001b", "\\e", StringComparison.Ordinal)}\"\norganisation: \"Evil\\r\\nX-Injected: yes\"\n---\n{Body}\n", "h.md");

        foreach (var value in new[] { release.Title, release.Organisation!, release.Summary })
        {
            Assert.DoesNotContain(value, c => char.IsControl(c) || c == '\u202E');
        }

        Assert.Equal("Evil X-Injected: yes", release.Organisation);
    }

    [Fact]
    public void MimeWithAnUnclosedBoundary_SalvagesTheFirstTextPart_WithAWarning()
    {
        var mail = $"From: Press <p@x.example>\r\nSubject: Climate data platform\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\n{Body}\r\n--zz\r\nContent-Type: text/plain\r\n\r\nsecond part";

        var release = Accept(mail, "m.eml");

        Assert.Contains("consortium", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("second part", release.BodyText, StringComparison.Ordinal);
        Assert.Contains(release.Warnings, w => w.Contains("not closed", StringComparison.Ordinal));
    }

    [Fact]
    public void MimeWithAReusedBoundary_DoesNotHang()
    {
        var mail = $"Subject: Climate\r\nContent-Type: multipart/mixed; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\n{Body}\r\n--a--\r\n--a--\r\n";

        var result = ReleaseParser.Parse(Encoding.UTF8.GetBytes(mail), "m.eml");

        Assert.True(result.Accepted || result.Rejection!.Code == RejectionCodes.MalformedMime, result.Rejection?.ToString());
    }

    [Fact]
    public void MimeWithNoTextPart_IsRejected()
    {
        var mail = "Subject: Climate\r\nContent-Type: multipart/mixed; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--a--\r\n";

        Assert.Equal(RejectionCodes.MalformedMime, Reject(mail, "m.eml").Code);
    }

    [Fact]
    public void NonAsciiDigits_InADate_DoNotBreakParsing()
    {
        var release = Accept($"Climate data platform launched\nCairo, ١١ December ٢٠١٩\n\n{Body} ２０１９-１２-１１\n", "digits.txt");

        Assert.Null(release.Date);
    }

    [Theory]
    [InlineData("/api/preferences/erase")]
    [InlineData("//evil.example/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("relative/page.html")]
    public void RelativeOrNonWebLinks_WithoutACanonicalUrl_LoseTheirHref(string href)
    {
        var release = Accept($"<h1>Climate data platform launched</h1><p>{Body} <a href=\"{href}\">more</a></p>", "links.html");

        Assert.DoesNotContain("href", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("more", release.BodyText, StringComparison.Ordinal);
    }
}
