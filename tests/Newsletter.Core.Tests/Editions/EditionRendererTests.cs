using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;

namespace Newsletter.Core.Tests.Editions;

public class EditionRendererTests
{
    internal sealed class MemoryTemplates : ITemplateStore
    {
        public Dictionary<string, TemplateSource> Overrides { get; } = [];

        public Task<TemplateSource?> GetAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Overrides.GetValueOrDefault(name));
    }

    internal static EditionRenderer Renderer(MemoryTemplates? store = null) => new(
        new EditionTemplates(store ?? new MemoryTemplates(), NullLogger<EditionTemplates>.Instance),
        Options.Create(new AppOptions { BaseUrl = "https://news.example.org/", NetworkName = "Science Network" }),
        Options.Create(new DigestOptions { PostalAddress = "1 Example Street, Brussels" }));

    internal static EditionContent Content(params EditionItem[] items) => new(
        "daily-20191211T0700", "daily", new DateTimeOffset(2019, 12, 11, 7, 0, 0, TimeSpan.Zero), [], items.Length > 0 ? items :
        [
            new EditionItem("u1", "Servier and UCL collaborate in fight against immune-inflammatory diseases", "University College London", new DateOnly(2019, 12, 11), "Accelerating the discovery of new treatments.", []),
            new EditionItem("u2", "Catalyst splits water", "Institute of Chemistry", new DateOnly(2019, 12, 10), "A new catalyst splits water at room temperature.", []),
        ]);

    [Fact]
    public async Task Html_ParsesCleanly_AndEveryLinkIsAbsolute()
    {
        var rendered = await Renderer().RenderAsync(Content(), CancellationToken.None);

        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(rendered.Html);
        var links = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.NotEmpty(links);
        Assert.All(links.Where(l => !ReaderPlaceholders.All.Contains(l)), l => Assert.StartsWith("https://news.example.org/", l, StringComparison.Ordinal));
        Assert.Contains("https://news.example.org/updates/u1", links);
        Assert.Contains("https://news.example.org/archive/daily-20191211T0700", links);
    }

    [Fact]
    public async Task Html_HasInlinedCss_ATableLayoutOf600px_APreheader_AndDarkModeRules()
    {
        var rendered = await Renderer().RenderAsync(Content(), CancellationToken.None);
        var document = new HtmlParser().ParseDocument(rendered.Html);

        Assert.Contains("max-width: 600px", document.QuerySelector("table.container")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("color", document.QuerySelector("h2.update-title a")!.GetAttribute("style") ?? document.QuerySelector("h2.update-title")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Servier and UCL collaborate", document.QuerySelector(".preheader")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebCopy_HoldsItsContentInOneMainLandmark_AsEveryPublicPageDoes_EvenFromAnOperatorsTemplate()
    {
        var store = new MemoryTemplates();
        foreach (var renderer in new[] { Renderer(), Renderer(store) })
        {
            var document = new HtmlParser().ParseDocument(await renderer.RenderWebPageAsync(Content(), CancellationToken.None));
            var main = Assert.Single(document.QuerySelectorAll("main"));
            Assert.Equal("content", main.Id);
            Assert.NotNull(main.QuerySelector("h1"));
            Assert.Contains(main.QuerySelectorAll("a"), a => a.TextContent.Contains("Servier and UCL", StringComparison.Ordinal));
            Assert.Null(main.QuerySelector(".preheader"));
            store.Overrides[EditionTemplates.Html] = new TemplateSource(
                "<!DOCTYPE html><html lang=\"en\"><head><title>{{ edition.subject }}</title></head><body><span class=\"preheader\">{{ edition.preheader }}</span><h1>{{ edition.title }}</h1>{% for update in updates %}<p><a href=\"{{ update.url }}\">{{ update.title }}</a></p>{% endfor %}</body></html>", "v1");
        }

        // The mail itself stays as the template wrote it.
        Assert.DoesNotContain("<main", (await Renderer().RenderAsync(Content(), CancellationToken.None)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebCopy_HasNoViewInBrowserLine_AndItsFooterOffersTheSubscribePage()
    {
        var html = await Renderer().RenderWebPageAsync(Content(), CancellationToken.None);

        var document = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain("View in your browser", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Change your preferences", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(document.QuerySelectorAll("a"), a => a.TextContent.Contains("unsubscribe", StringComparison.OrdinalIgnoreCase));
        var subscribe = Assert.Single(document.QuerySelectorAll(".footer a"));
        Assert.Equal("https://news.example.org/subscribe", subscribe.GetAttribute("href"));
        Assert.Contains("1 Example Street, Brussels", document.QuerySelector(".footer")!.TextContent, StringComparison.Ordinal);

        var mail = await Renderer().RenderAsync(Content(), CancellationToken.None);
        Assert.Contains("View in your browser", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Change your preferences", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextPart_NamesEveryUpdate_WithTheSameLinks()
    {
        var rendered = await Renderer().RenderAsync(Content(), CancellationToken.None);

        Assert.Contains("Servier and UCL collaborate in fight against immune-inflammatory diseases", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Catalyst splits water", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Read more: https://news.example.org/updates/u2", rendered.Text, StringComparison.Ordinal);
        Assert.Contains($"Unsubscribe: {ReaderPlaceholders.UnsubscribeUrl}", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("1 Example Street, Brussels", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerReaderValues_ArePlaceholders_FilledWithoutARerender()
    {
        var rendered = await Renderer().RenderAsync(Content(), CancellationToken.None);

        Assert.Contains($"href=\"{ReaderPlaceholders.UnsubscribeUrl}\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReaderPlaceholders.PreferencesUrl}\"", rendered.Html, StringComparison.Ordinal);
        var filled = ReaderPlaceholders.Fill(rendered.Html, new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello Alice,",
            [ReaderPlaceholders.UnsubscribeUrl] = "https://news.example.org/api/unsubscribe?token=t1",
            [ReaderPlaceholders.PreferencesUrl] = "https://news.example.org/api/preferences?token=t2",
        });
        Assert.DoesNotContain("[%", filled, StringComparison.Ordinal);
        Assert.Contains("Hello Alice,", filled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileMemberText_IsEscaped()
    {
        var hostile = new EditionItem("u3", "<script>alert('x')</script>Title", "Org <img src=x onerror=alert(1)>", new DateOnly(2020, 1, 1), "Summary with \"quotes\" & <b>tags</b>", []);

        var rendered = await Renderer().RenderAsync(Content(hostile), CancellationToken.None);
        var document = new HtmlParser().ParseDocument(rendered.Html);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Empty(document.QuerySelectorAll(".summary b"));
        Assert.Equal("<script>alert('x')</script>Title", document.QuerySelector(".update-title a")!.TextContent);
    }

    [Fact]
    public void Subject_FollowsTheSetting()
    {
        var renderer = Renderer();

        Assert.Equal("Science Network, 11 Dec 2019: Servier and UCL collaborate in fight against immune-inflammatory diseases and 1 more", renderer.Subject(Content()));
    }

    [Fact]
    public void Subject_OfAnEmptyEdition_HasNoDanglingColon()
    {
        var empty = new EditionContent("daily-20191211T0700", "daily", new DateTimeOffset(2019, 12, 11, 7, 0, 0, TimeSpan.Zero), [], []);

        Assert.Equal("Science Network, 11 Dec 2019", Renderer().Subject(empty));
    }

    [Theory]
    [InlineData("Hello Jane R.,")]
    [InlineData("Hello,")]
    public async Task Greeting_StandsAlone_AndTheIntroIsANewSentence(string greeting)
    {
        var rendered = await Renderer().RenderAsync(Content(), CancellationToken.None);
        var values = new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = greeting,
            [ReaderPlaceholders.UnsubscribeUrl] = "https://news.example.org/unsubscribe?token=t",
            [ReaderPlaceholders.PreferencesUrl] = "https://news.example.org/preferences?token=t",
        };

        var text = ReaderPlaceholders.Fill(rendered.Text, values);
        var html = new HtmlParser().ParseDocument(ReaderPlaceholders.Fill(rendered.Html, values));

        Assert.Contains($"\n{greeting}\n\nHere are the latest 2 updates", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(greeting, html.QuerySelector(".intro p")!.TextContent);
        Assert.StartsWith("Here are the latest 2 updates", html.QuerySelectorAll(".intro p")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateOverride_IsUsed()
    {
        var store = new MemoryTemplates();
        store.Overrides[EditionTemplates.Text] = new TemplateSource("CUSTOM {% for u in updates %}[{{ u.title }}]{% endfor %}", "v1");

        var rendered = await Renderer(store).RenderAsync(Content(), CancellationToken.None);

        Assert.StartsWith("CUSTOM [Servier and UCL", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenTemplateOverride_IsRejectedWithLineAndReason_AndTheDefaultIsKept()
    {
        var store = new MemoryTemplates();
        store.Overrides[EditionTemplates.Text] = new TemplateSource("line one\n{% for u in updates %}{{ u.title }", "v2");
        var templates = new EditionTemplates(store, NullLogger<EditionTemplates>.Instance);

        var compiled = await templates.GetAsync(EditionTemplates.Text, CancellationToken.None);
        var rendered = await Renderer(store).RenderAsync(Content(), CancellationToken.None);

        Assert.False(compiled.IsOverride);
        Assert.Matches(@"\(2:\d+\)", compiled.Problem);
        Assert.Contains("Read more:", rendered.Text, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task MemberText_NeverSpellsAReaderPlaceholder_InTheHtmlTheTextOrTheSubject()
    {
        var benign = await Renderer().RenderAsync(Content(), CancellationToken.None);
        var hostile = await Renderer().RenderAsync(Content(
            new EditionItem("u1", "Claim [%unsubscribe_url%] now", "[%greeting%]", new DateOnly(2019, 12, 11), "Go to [%preferences_url%] or %unsubscribe_url%] here [", []),
            new EditionItem("u2", "%greeting%]", "Lab [", new DateOnly(2019, 12, 10), "[[%%preferences_url%]", [])), CancellationToken.None);

        // Only the template's own placeholders are there, as many as with harmless text.
        foreach (var placeholder in ReaderPlaceholders.All)
        {
            Assert.Equal(Occurrences(benign.Html, placeholder), Occurrences(hostile.Html, placeholder));
            Assert.Equal(Occurrences(benign.Text, placeholder), Occurrences(hostile.Text, placeholder));
            Assert.Equal(0, Occurrences(hostile.Subject, placeholder));
        }

        // Filled as SendGrid fills a personalization: the member's text stays what the member wrote, no reader's link appears in it.
        var values = new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello Jane,",
            [ReaderPlaceholders.UnsubscribeUrl] = "https://news.example.org/api/unsubscribe?token=SECRET",
            [ReaderPlaceholders.PreferencesUrl] = "https://news.example.org/api/preferences?token=SECRET",
        };
        var subject = ReaderPlaceholders.Fill(hostile.Subject, values);
        var text = ReaderPlaceholders.Fill(hostile.Text, values);
        Assert.DoesNotContain("SECRET", subject, StringComparison.Ordinal);
        Assert.EndsWith(": Claim [%unsubscribe_url%] now and 1 more", subject.Replace("\u2060", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Go to [%preferences_url%] or %unsubscribe_url%] here [", text.Replace("\u2060", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(Occurrences(ReaderPlaceholders.Fill(benign.Text, values), "SECRET"), Occurrences(text, "SECRET"));
        var html = new HtmlParser().ParseDocument(ReaderPlaceholders.Fill(hostile.Html, values));
        Assert.Equal("Claim [%unsubscribe_url%] now", html.QuerySelector("h2.update-title")!.TextContent.Replace("\u2060", string.Empty, StringComparison.Ordinal).Trim());
        Assert.DoesNotContain("SECRET", html.QuerySelector(".preheader")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Occurrences(ReaderPlaceholders.Fill(benign.Html, values), "SECRET"), Occurrences(html.DocumentElement.OuterHtml, "SECRET"));
    }
}
