using System.Globalization;

namespace Newsletter.Web.Shared;

/// <summary>Counted nouns as a reader writes them: "1 update", "3 updates", never "3 update(s)".</summary>
public static class Words
{
    /// <summary>The count and the noun, singular for one, else the plural (the noun plus "s" unless given).</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {Noun(count, singular, plural)}");

    /// <summary>The noun alone, for a count printed apart from it (a column of figures): singular for one, else the plural.</summary>
    public static string Noun(long count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? singular + "s";
}
