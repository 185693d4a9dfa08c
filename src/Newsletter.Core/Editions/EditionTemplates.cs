using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Microsoft.Extensions.Logging;

namespace Newsletter.Core.Editions;

/// <summary>An operator's template in the <c>templates</c> container, with a version that changes when it does.</summary>
public sealed record TemplateSource(string Content, string Version);

/// <summary>Port: operators' template overrides (<c>edition.html.liquid</c>, <c>edition.txt.liquid</c>).</summary>
public interface ITemplateStore
{
    Task<TemplateSource?> GetAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A parsed template, ready to render, and where it came from.</summary>
public sealed record CompiledTemplate(string Name, IFluidTemplate Template, string Version, bool IsOverride, string? Problem);

/// <summary>
/// Loads the edition templates: the operator's override when there is one and it parses, else the
/// built-in default. The HTML template's CSS is inlined once per template version (PreMailer), not
/// per rendering. A broken override is rejected with its line and reason, and the default is used.
/// </summary>
public sealed partial class EditionTemplates(ITemplateStore store, ILogger<EditionTemplates> logger)
{
    public const string Html = "edition.html.liquid";
    public const string Text = "edition.txt.liquid";

    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, CompiledTemplate> _cache = new(StringComparer.Ordinal);

    public async Task<CompiledTemplate> GetAsync(string name, CancellationToken cancellationToken)
    {
        var source = await store.GetAsync(name, cancellationToken);
        var key = $"{name}@{source?.Version ?? "default"}";
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        CompiledTemplate compiled;
        if (source is null)
        {
            compiled = Compile(name, Default(name), "default", isOverride: false)
                ?? throw new InvalidOperationException($"The built-in template {name} does not parse.");
        }
        else
        {
            compiled = Compile(name, source.Content, source.Version, isOverride: true, out var problem)
                ?? (await GetDefaultAsync(name)) with { Problem = problem };
            if (compiled.Problem is not null)
            {
                LogBrokenOverride(name, compiled.Problem);
            }
        }

        _cache[key] = compiled;
        return compiled;
    }

    /// <summary>Checks a template without installing it: null when it parses, else the line and reason.</summary>
    public static string? Validate(string name, string content)
    {
        Compile(name, content, "check", isOverride: true, out var problem);
        return problem;
    }

    private Task<CompiledTemplate> GetDefaultAsync(string name) => Task.FromResult(
        _cache.GetOrAdd($"{name}@default", _ => Compile(name, Default(name), "default", isOverride: false)!));

    private static CompiledTemplate? Compile(string name, string content, string version, bool isOverride) =>
        Compile(name, content, version, isOverride, out _);

    private static CompiledTemplate? Compile(string name, string content, string version, bool isOverride, out string? problem)
    {
        var source = name.EndsWith(".html.liquid", StringComparison.Ordinal) ? InlineCss(content) : content;
        if (Parser.TryParse(source, out var template, out var error))
        {
            problem = null;
            return new CompiledTemplate(name, template, version, isOverride, null);
        }

        problem = $"{name}: {Shorten(error)}";
        return null;
    }

    /// <summary>
    /// Moves the template's CSS into style attributes, keeping the style element for media queries
    /// (dark mode, narrow screens). Liquid tags survive as text; only entities the HTML serializer
    /// put into them are turned back.
    /// </summary>
    private static string InlineCss(string html)
    {
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(html, removeStyleElements: false, stripIdAndClassAttributes: false, removeComments: true).Html;
        return LiquidMarkup().Replace(inlined, m => System.Net.WebUtility.HtmlDecode(m.Value));
    }

    private static string Default(string name)
    {
        using var stream = typeof(EditionTemplates).Assembly.GetManifestResourceStream("templates/" + name)
            ?? throw new InvalidOperationException($"There is no built-in template {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Shorten(string? error) => Releases.Parsing.TextCleaner.SingleLine(error?.Split("Source:")[0], 300);

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidMarkup();

    [LoggerMessage(LogLevel.Warning, "The template override {Problem} is broken; the built-in {Name} is used until it is fixed")]
    private partial void LogBrokenOverride(string name, string problem);
}
