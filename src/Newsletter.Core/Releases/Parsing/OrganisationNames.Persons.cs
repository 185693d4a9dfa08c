using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A person's title and name are no organisation, though the title has a word for one in it ("Minister Lieten",
/// "Bürgermeisterin Huber", "Council Chief Executive Officer Leigh Auton"): the words before the title may name the
/// organisation, the title and the person never do.
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>
    /// The words before a person's title and name at the candidate's end ("Council" of "Council Chief Executive Officer Leigh
    /// Auton", nothing of "Minister Lieten"); the candidate itself when it ends with no person, or the words after the title name
    /// a body ("Dr Hadwen Trust", "President Lincoln Museum").
    /// </summary>
    public static string WithoutPerson(string name)
    {
        if (name.Length > 200)
        {
            return name;
        }

        try
        {
            var person = TitledPerson().Match(name);
            return person.Success && !OrganisationWord().IsMatch(person.Groups["person"].Value)
                ? person.Groups["org"].Value.Trim(' ', ',', '-', '–')
                : name;
        }
        catch (RegexMatchTimeoutException)
        {
            return name;
        }
    }

    // A title before one to three capitalised words at the end, in the languages releases come in.
    [GeneratedRegex(@"^(?<org>.*?)\s*(?<![\p{L}])(?:(?:Vice[\s\-]?)?(?:Chief\s+Executive(?:\s+Officer)?|Chief\s+\p{Lu}\p{Ll}+\s+Officer|CEO|Managing\s+Director|Executive\s+Director|Minister(?:in)?|Ministre|Ministro|Ministra|Mayor|Deputy\s+Mayor|Bürgermeister(?:in)?|Oberbürgermeister(?:in)?|Burgemeester|Wethouder|Maire|Sindac[oa]|Alcalde(?:sa)?|Prefeit[oa]|President|Président(?:e)?|Presidente|Präsident(?:in)?|Chair(?:man|woman|person)?|Director(?:a)?|Directeur|Directrice|Direktor(?:in)?|Professor(?:in)?|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Spokes(?:man|woman|person)|Sprecher(?:in)?|Secretary(?:-General)?))\s+(?<person>\p{Lu}[\p{Ll}\-]+(?:\s+\p{Lu}[\p{Ll}\-]+){0,2})$",
        RegexOptions.CultureInvariant, 250)]
    private static partial Regex TitledPerson();
}
