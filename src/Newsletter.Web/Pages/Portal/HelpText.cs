using Markdig;

namespace Newsletter.Web.Pages.Portal;

/// <summary>
/// The help page's text: docs/release-formats.md, embedded at build so the page and the document never
/// disagree, rendered once. The document is the project's own (trusted); raw HTML in it is not passed on.
/// </summary>
internal static class HelpText
{
    private static readonly Lazy<string> Rendered = new(() =>
    {
        using var stream = typeof(HelpText).Assembly.GetManifestResourceStream("release-formats.md")
            ?? throw new InvalidOperationException("docs/release-formats.md is not embedded in Newsletter.Web.");
        using var reader = new StreamReader(stream);
        var pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();
        return Markdown.ToHtml(reader.ReadToEnd(), pipeline);
    });

    public static string Html => Rendered.Value;
}
