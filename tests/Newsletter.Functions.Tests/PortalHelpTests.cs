using System.Net;
using System.Reflection;
using Newsletter.Core.Media;
using Newsletter.Core.Releases;

namespace Newsletter.Functions.Tests;

/// <summary>The portal's help page: written for press officers, with every rejection code the code defines in the API's own words.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task TheHelpPage_ListsEveryRejectionCodeTheCodeDefines_InThePlainWordsTheApiGives()
    {
        var page = await SendAsync(Get("/portal/help", await SignInAsync("press@kth.se")));
        Assert.Equal(200, page.Status);
        Assert.Contains("<h1>Help for press officers</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains("A file may be at most 5 MiB.", page.Body, StringComparison.Ordinal);
        Assert.Contains("<code>.docx</code>", page.Body, StringComparison.Ordinal);

        // Read from the code's own constants, not from the list the page is made from, so a new code without words fails here.
        var codes = new[] { typeof(RejectionCodes), typeof(ImageRejections) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        Assert.Contains("encrypted-document", codes);
        foreach (var code in codes)
        {
            var plain = RejectionReasons.Of(code);
            Assert.False(string.IsNullOrWhiteSpace(plain), $"{code} has no words for press officers");
            Assert.Contains($"<td><code>{code}</code></td><td>{WebUtility.HtmlEncode(plain).Replace("&#39;", "&#x27;", StringComparison.Ordinal)}</td>", page.Body,
                StringComparison.Ordinal);
        }

        foreach (var licence in ImageLicences.All)
        {
            Assert.Contains(WebUtility.HtmlEncode(licence.Label), page.Body, StringComparison.Ordinal);
        }
    }
}
