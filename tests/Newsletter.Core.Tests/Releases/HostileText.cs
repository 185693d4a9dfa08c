using System.Text;
using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Releases;

/// <summary>Large hostile input for the parser's patterns, and a parse that cannot hang the run.</summary>
internal static class HostileText
{
    /// <summary><paramref name="s"/> written <paramref name="n"/> times over: input far larger than any real release.</summary>
    public static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    /// <summary>
    /// Parses under a generous budget of its own, so a pattern that backtracked ends as <c>parse-timeout</c> and fails the
    /// test's assertion instead of hanging the run.
    /// </summary>
    public static ParseResult ParseWithinBudget(string content, string fileName)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return ReleaseParser.Parse(Encoding.UTF8.GetBytes(content), fileName, budget: budget.Token);
    }
}
