using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The shape class the corpus's seventh holdout failed on (issue 18; docs/release-formats.md): a candidate brought to the
/// organisation itself. A person's role taken off a name can leave only the word for the kind of body ("Dean of the Council",
/// "Präsident des Verbandes"): that is no name, and the next signal gets its turn.
/// </summary>
public class SeventhHoldoutOrganisationShapeTests
{
    [Theory]
    [InlineData("Secretary-General reappointed", "said the ambassador and Dean of the Council, after the vote.", "Council")]
    [InlineData("Generalsekretär wiedergewählt", "sagte der Präsident des Verbandes nach der Abstimmung.", "Verbandes")]
    [InlineData("Secrétaire général reconduit", "a déclaré le doyen, Chair of the Commission, après le vote.", "Commission")]
    public void Text_ARoleBeforeAKindWord_LeavesNoName_AndTheRepeatedNameIsTheIssuer(string title, string quote, string kind)
    {
        var text = $"{title}\n\nThe members of Ostavia agreed today to reappoint the Secretary-General for a second term.\n\n"
            + $"\"The decision shows the trust placed in the work of Ostavia,\" {quote}\n\n"
            + "The second term starts in June, and the priorities of Ostavia for it will be set out then.\n";

        var organisation = Accept(text, "kind.txt").Organisation;

        Assert.NotEqual(kind, organisation);
        Assert.Equal("Ostavia", organisation);
    }
}
