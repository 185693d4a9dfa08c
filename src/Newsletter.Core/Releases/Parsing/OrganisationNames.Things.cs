using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A name the text itself says is a thing and no body: "Pre-Cure, a technology that grew out of ...", "X, eine Plattform aus
/// dem Labor von ...", "X, un dispositif ...". A web address spelling it is the product's site, not the release's issuer's.
/// </summary>
internal static partial class OrganisationNames
{
    private static readonly TimeSpan ThingTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>True when the text describes the name (its possessive aside) as a technology, platform, product or device.</summary>
    public static bool IsDescribedAsAThing(string name, IEnumerable<string> paragraphs)
    {
        var bare = PossessiveEnd().Replace(name.Trim().TrimEnd('’', '\''), string.Empty);
        if (bare.Length < 2 || LooksLikeOrganisation(bare))
        {
            return false;
        }

        var described = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(bare) + @"(?:\s*\([^()\n]{1,40}\))?,\s+" + ThingApposition, RegexOptions.CultureInvariant, ThingTimeout);
        try
        {
            return paragraphs.Any(p => described.IsMatch(SearchedPart(p)));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // An indefinite article, up to two words ("a new", "eine mobile") and the word for a thing, in the languages releases come in.
    private const string ThingApposition =
        @"(?i:an?|one|une?|eine?[nmrs]?|uno?|una|um|uma|een|ett|en|et)\s+(?:[\p{L}\-]+\s+){0,2}?"
        + @"(?i:technolog\w*|technik|tecnolog\w*|platform\w*|plateforme|plattform|plataforma|piattaforma|products?|produit|produkt|prodotto|producto|produto|devices?|dispositi\w*|ger[äa]t|apps?|applications?|software|logiciel|tools?|werkzeug|outil|drugs?|medicines?|m[ée]dicament|medikament|arzneimittel|farmaco|f[áa]rmaco|vaccines?|vaccin|impfstoff|vacuna|chips?|sensors?|sensor|capteur|methods?|m[ée]thode|methode|m[ée]todo|verfahren|materials?|mat[ée]riau|compounds?|molecules?|mol[ée]cule|molek[üu]l|therap\w*|th[ée]rapie|terapia|treatments?|traitement)(?![\p{L}])"
        // "a medical device company", "eine Software-Firma", "a drug discovery company" describe a company, not a thing.
        + @"(?!(?:[\s\-]+[\p{L}]+){0,2}?[\s\-]+(?i:compan\w*|firm\w*|makers?|manufacturer\w*|developers?|providers?|start-?ups?|spin-?offs?|spin-?outs?|group|unternehmen|hersteller|anbieter|entreprise|soci[ée]t[ée]|fabricant|empresa|azienda|bedrijf|leverancier|f[öo]retag|selskab|yhti[öo])(?![\p{L}]))";
}
