using System.Text.Json;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Tests;

/// <summary>The release form's live preview: the text rendered by ingestion's own parser and sanitizer, behind the portal's checks.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task TheLivePreview_RendersTheTextAsItsPageWill_WithoutItsScripts_AndOnlyTheFormsPageAllowsTheAppsOwnScript()
    {
        var kth = await SignInAsync("press@kth.se");
        var text = "## What was found\n\n- a **new** lab\n- [more](https://kth.se/news)\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>";
        var answer = await SendAsync(Form("/portal/markdown", kth, ("body", text)));
        Assert.Equal(200, answer.Status);
        Assert.Equal("no-store", answer.Headers.CacheControl.ToString());
        var html = JsonDocument.Parse(answer.Body).RootElement.GetProperty("html").GetString()!;

        // Exactly what the submitted release's page shows for the same text.
        var posted = await SendAsync(Form("/portal/preview", kth, ("source", "form"), ("title", "A lab"), ("body", text)));
        Assert.Equal(303, posted.Status);
        var preview = await SendAsync(Get(posted.Headers.Location.ToString(), kth));
        Assert.Contains(html, preview.Body, StringComparison.Ordinal);
        Assert.Contains("<h2>What was found</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>a <strong>new</strong> lab</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);

        var tooLong = JsonDocument.Parse((await SendAsync(Form("/portal/markdown", kth, ("body", new string('a', Core.Portal.ReleaseFormWriter.MaxBody + 1))))).Body).RootElement;
        Assert.Equal("The text has at most 200,000 characters.", tooLong.GetProperty("problem").GetString());

        var form = await SendAsync(Get("/portal/submit", kth));
        Assert.Contains($"<script src=\"{PortalPaths.LivePreviewScript}\" defer></script>", form.Body, StringComparison.Ordinal);
        Assert.EndsWith("; script-src 'self'; connect-src 'self'", form.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", (await SendAsync(Get("/portal", kth))).Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        var script = await SendAsync(Get(PortalPaths.LivePreviewScript, kth));
        Assert.Equal("text/javascript; charset=utf-8", script.ContentType);
        Assert.Contains("fetch(section.dataset.endpoint", script.Body, StringComparison.Ordinal);
    }
}
