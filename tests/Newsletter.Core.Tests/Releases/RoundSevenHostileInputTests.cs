using System.Text;
using Newsletter.Core.Releases;

using static Newsletter.Core.Tests.Releases.HostileText;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The patterns added for the seventh holdout's shape classes (a name's continuation after "on", "and" or a list of commas, a
/// meeting of the owners, a person's title and name, a unit of a body's own laboratory, two bodies joined by "and", a place's
/// government, a short form before a dash) on large hostile input: each parse runs
/// under a generous budget of its own, so a pattern that backtracked would end as <c>parse-timeout</c> and fail, not hang the run.
/// </summary>
public class RoundSevenHostileInputTests
{
    private const string Title = "New catalyst splits water at room temperature";

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "a.txt", $"{Title}\n\n" + Repeat("Institute for Aaa, Bbb, Ccc and Ddd on Eee ", 10_000) + "\n\nEnd.\n" },
        { "b.txt", $"{Title}\n\n" + Repeat("Aaa de la Algemene Vergadering van Aandeelhouders van ", 10_000) + "Bbb N.V.\n\nEnd.\n" },
        { "c.txt", $"{Title}\n\n" + Repeat("Council Chief Executive Officer Minister Dr ", 10_000) + "Aaa Bbb\n\nEnd.\n" },
        { "d.txt", $"{Title}\n\n" + Repeat("Aaa Division of the Bbb's Ccc Laboratory ", 10_000) + "\n\nEnd.\n" },
        { "e.txt", $"{Title}\n\n" + Repeat("Aaa Institute and Bbb Institute und ", 10_000) + "\n\nEnd.\n" },
        { "f.txt", $"{Title}\n\n" + Repeat("la Intendencia de Aaa, EDP - ", 10_000) + "Aaa\n\nEnd.\n" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void LargeHostileInput_IsReadWithinItsBudget(string fileName, string content)
    {
        var result = ParseWithinBudget(content, fileName);

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
