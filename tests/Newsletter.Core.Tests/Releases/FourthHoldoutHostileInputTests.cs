using System.Text;
using Newsletter.Core.Releases;

using static Newsletter.Core.Tests.Releases.HostileText;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The patterns added for the fourth holdout's classes (a dateline's subject and apposition, "X said today", wire tags, a
/// release's label and number, breadcrumbs, language switchers) on large hostile input: each parse runs under a generous
/// budget of its own, so a pattern that backtracked would end as <c>parse-timeout</c> and fail, not hang the run.
/// </summary>
public class FourthHoldoutHostileInputTests
{
    private const string Title = "New catalyst splits water at room temperature";

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "a.txt", $"{Title}\n\n" + Repeat("Example Aaa Bbb Ccc, a dd ee ff organization, ", 20_000) + "\n\nEnd.\n" },
        { "b.txt", $"{Title}\n\n" + Repeat("BOSTON -- (Aaa Bbb) -- /Ccc Ddd/ -- ", 20_000) + "\n\nEnd.\n" },
        { "c.txt", $"{Title}\n\n" + Repeat("Aaa Bbb of the Ccc Ddd and Eee ", 20_000) + "said\n\nEnd.\n" },
        { "d.txt", Repeat("Home » News » ", 20_000) + $"\n\n{Title}\n\nA body sentence that is long enough to be the body of the release here.\n" },
        { "e.txt", Repeat("English Deutsch ", 20_000) + $"\n\n{Title}\n\nA body sentence that is long enough to be the body of the release here.\n" },
        { "f.html", "<html><body><h1>Comunicati stampa - " + Repeat("CS N° 27/2017 ", 20_000) + $"</h1><p>{Title}. A body sentence long enough to be the body.</p></body></html>" },
        { "g.json", "{\"title\": \"" + Title + "\", \"bodyText\": \"" + Repeat("de provincie Aaa ", 20_000) + "\\n\\nSOURCE " + Repeat("Aaa ", 20_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void LargeHostileInput_IsReadWithinItsBudget(string fileName, string content)
    {
        var result = ParseWithinBudget(content, fileName);

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
