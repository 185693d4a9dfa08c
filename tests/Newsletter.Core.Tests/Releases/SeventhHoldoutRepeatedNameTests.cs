using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The garbage class the corpus's seventh holdout failed on (issue 18; docs/release-formats.md): the last resort, the word
/// the sentences keep coming back to, took a word that is no name of its own. A word the text writes beside another
/// capitalised word or a number is a piece of a longer name (a place's "South" of "South Sudan", a person's given name, "FY"
/// of "FY 2019"); a word written after "in" is a place; a code with a number ("Covid-19") and a word for the kind of body
/// ("Bolagets", "the Council") are no names. Such a word is passed over, and the next word the text repeats gets its turn.
/// </summary>
public class SeventhHoldoutRepeatedNameTests
{
    // The repeated word, each time after another capitalised word or before a number: a fragment of a longer name, never taken.
    [Theory]
    [InlineData("Aid reaches the hills", "Famine was declared in parts of Upper Kelmar today.",
        "More than half of East Kelmar needs food, the survey of the region found.", "Food reached people across West Kelmar this week.", "Kelmar")]
    [InlineData("Minister opens the new clinic", "The ceremony was opened by Mayor Olunde, who spoke first.",
        "After the speech, the guests were shown the wards by Dr Olunde and the staff.", "The clinic was then handed over by Professor Olunde to its new director.", "Olunde")]
    [InlineData("FY 2024 results postponed", "The company postponed the results for FY 2024 because of the audit.",
        "The results for FY 2024 will now follow in June, the board said.", "Guidance for FY 2025 is not affected by the delay at all.", "FY")]
    [InlineData("Új elnök", "Az ülést – Kovács Bence elnöki köszöntőjével – nyitották meg.",
        "Kovács Bence ezután átadta a díjakat a nyerteseknek.", "Az ülés végén ismét Kovács Bence szólt a résztvevőkhöz.", "Bence")]
    public void Text_AWordAlwaysBesideAnotherName_IsNoIssuer(string title, string first, string second, string third, string fragment)
    {
        var text = $"{title}\n\n{first}\n\n{second}\n\n{third}\n";

        Assert.NotEqual(fragment, Accept(text, "fragment.txt").Organisation);
    }

    // A place written after "in", a code with a number and a word for the kind of body: no names, whatever their count.
    [Theory]
    [InlineData("Conference on soil health", "Delegates met in Korvale, the capital, for three days of talks on soil.",
        "The talks in Korvale ended with a joint statement on soil and water.", "Next year the meeting returns to Korvale for a second round.", "Korvale")]
    [InlineData("Stämman hålls digitalt", "På grund av Ruvex-21 hålls stämman digitalt i år, meddelar styrelsen.",
        "Spridningen av Ruvex-21 har påverkat verksamheten under våren.", "Styrelsen följer hur Ruvex-21 utvecklas och återkommer.", "Ruvex-21")]
    [InlineData("Beslut vid årsstämman", "Stämman beslutade att Bolagets resultat disponeras enligt förslaget.",
        "Valberedningen för Bolagets styrelse utses som tidigare år.", "Optionerna är kopplade till Bolagets aktiekurs under året.", "Bolagets")]
    public void Text_APlaceACodeOrAKindWord_IsNoIssuer(string title, string first, string second, string third, string word)
    {
        var text = $"{title}\n\n{first}\n\n{second}\n\n{third}\n";

        Assert.NotEqual(word, Accept(text, "noname.txt").Organisation);
    }

    // Passed over, the fragment leaves the turn to the name the sentences come back to on its own.
    [Theory]
    [InlineData("Aid reaches the north", "Famine was declared in parts of Upper Kelmar, as reported by Kelvora this week.",
        "More than half of East Kelmar needs food, a survey by Kelvora found this spring.",
        "Food and water from Kelvora reached West Kelmar and the hills of North Kelmar this week.", "Kelvora")]
    [InlineData("Hilfe erreicht den Norden", "Bei den Bauern von Ober Kelmar herrscht Hunger, teilte Kelvora am Montag mit.",
        "Mehr als die Hälfte von Unter Kelmar braucht Nahrung, so eine Umfrage von Kelvora.",
        "Lieferungen von Kelvora erreichten Ost Kelmar und West Kelmar in dieser Woche.", "Kelvora")]
    public void Text_AfterAFragment_TheNameRepeatedOnItsOwn_IsTheIssuer(string title, string first, string second, string third, string expected)
    {
        var text = $"{title}\n\n{first}\n\n{second}\n\n{third}\n";

        Assert.Equal(expected, Accept(text, "next.txt").Organisation);
    }
}
