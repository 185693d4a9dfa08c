using System.Text.Json;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Tests.Releases.Corpus;

/// <summary>One real press release of the corpus and what the parser should find in it.</summary>
public sealed record CorpusEntry(
    string File,
    string Source,
    string SourceUrl,
    string Organisation,
    IReadOnlyList<string>? OrganisationAliases,
    string Language,
    string Country,
    string Title,
    DateOnly Date,
    string? Republisher,
    bool Holdout,
    int? HoldoutRound)
{
    public bool TitleMatches(ParsedRelease? release) => release is not null && TextCleaner.SingleLine(release.Title) == Title;

    public bool DateMatches(ParsedRelease? release) => release?.Date == Date;

    public bool OrganisationMatches(ParsedRelease? release) =>
        release?.Organisation is { } found
        && new[] { Organisation }.Concat(OrganisationAliases ?? []).Any(name => NameKey(name) == NameKey(found));

    /// <summary>"The Pittsburgh Foundation" and "Pittsburgh Foundation" are one name.</summary>
    private static string NameKey(string name)
    {
        var key = TextCleaner.Key(name);
        return key.StartsWith("the", StringComparison.Ordinal) && name.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? key[3..] : key;
    }
}

internal sealed record CorpusManifest(string Description, IReadOnlyList<CorpusEntry> Releases)
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "corpus");

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static CorpusManifest Load() =>
        JsonSerializer.Deserialize<CorpusManifest>(File.ReadAllText(Path.Combine(Folder, "manifest.json")), Options)
        ?? throw new InvalidOperationException("The corpus manifest is empty.");

    /// <summary>The bytes of an entry as a member would upload them; a .docx is built from its text source.</summary>
    public static byte[] Content(CorpusEntry entry)
    {
        var path = Path.Combine(Folder, entry.Source);
        return entry.File.EndsWith(".docx", StringComparison.OrdinalIgnoreCase)
            ? DocxBuilder.FromSource(File.ReadAllText(path))
            : File.ReadAllBytes(path);
    }

    public static ParseResult Parse(CorpusEntry entry) => ReleaseParser.Parse(Content(entry), entry.File);
}
