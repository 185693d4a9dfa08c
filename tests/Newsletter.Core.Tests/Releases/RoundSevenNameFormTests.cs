using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The form class the corpus's seventh holdout failed on (issue 18; docs/release-formats.md): a candidate is given in the form
/// the release itself gives its organisation. A name found in a case's form takes the base form the title writes ("Univerzity
/// Komenského" where the title says "Univerzita Komenského"); a place named as the issuer is the government body the text names
/// for it ("Montevideo" for "la Intendencia de Montevideo"); a company's short form before a dash is part of its name ("EDP -
/// Energias de Portugal"); of the names that spell a domain, the one the text keeps writing wins over a headline's words.
/// </summary>
public class RoundSevenNameFormTests
{
    [Theory]
    [InlineData("Univerzity Jána Nováka", "Univerzita Jána Nováka ocenila najlepších absolventov",
        "Ceny odovzdal rektor Univerzity Jána Nováka v aule.", "Univerzita Jána Nováka")]
    [InlineData("Norðurspítala", "Norðurspítali fær nýtt tæki",
        "Nýja tækið var afhent Norðurspítala í gær.", "Norðurspítali")]
    [InlineData("Kurzemes Bankas", "Kurzemes Banka samazina likmes",
        "Kurzemes Bankas valde šodien pieņēma lēmumu.", "Kurzemes Banka")]
    public void Shape_ANameInACasesForm_TakesTheBaseFormTheTitleWrites(string found, string title, string paragraph, string expected)
    {
        Assert.Equal(expected, OrganisationNames.AsOrganisation(found, [paragraph], title));
    }

    [Theory]
    // A title that only adds endings to the name's words gives no base form.
    [InlineData("NÖ Pressehaus", "Neues Dach des NÖ Pressehauses", "Das NÖ Pressehaus wird renoviert.")]
    // A name found in the headline's subject form stays in it, however often the text writes another case.
    [InlineData("Univerzita Jána Nováka", "Univerzita Jána Nováka ocenila absolventov", "Rektor Univerzity Jána Nováka a dekani Univerzity Jána Nováka.")]
    public void Shape_ATitleFormThatOnlyAddsEndingsOrTheNamesOwn_LeavesTheName(string found, string title, string paragraph)
    {
        Assert.Equal(found, OrganisationNames.AsOrganisation(found, [paragraph], title));
    }

    [Theory]
    [InlineData("Montevideo", "Ante los vecinos, la Intendencia de Montevideo presentó las obras; la Intendencia de Montevideo repasó sus políticas.", "Intendencia de Montevideo")]
    [InlineData("ONTARIO", "The Ontario government has secured a new investment in the province.", "Ontario government")]
    [InlineData("Rivière", "La Mairie de Rivière ouvre une nouvelle médiathèque en juin.", "Mairie de Rivière")]
    [InlineData("Campinas", "A Prefeitura de Campinas anunciou hoje novas linhas de ônibus.", "Prefeitura de Campinas")]
    [InlineData("Norland", "The statement was issued by the President of Norland; the President of Norland met the envoys.", "President of Norland")]
    public void Shape_APlaceNamedAsTheIssuer_IsTheGovernmentBodyTheTextNamesForIt(string found, string paragraph, string expected)
    {
        Assert.Equal(expected, OrganisationNames.AsOrganisation(found, [paragraph]));
    }

    [Theory]
    // No body named for the place, and a name that reads as an organisation already, stay as they are.
    [InlineData("Kampala", "The participants drew up the Kampala Declaration on nitrogen management.")]
    [InlineData("Example University", "The Government of Example University's home state funds the work.")]
    [InlineData("NSRC", "said the President of the NSRC, who opened the centre.")]
    public void Shape_ANameWithNoGovernmentBodyForIt_StaysAsItIs(string found, string paragraph)
    {
        Assert.Equal(found, OrganisationNames.AsOrganisation(found, [paragraph]));
    }

    [Theory]
    [InlineData("Energias de Portugal", "EDP - Energias de Portugal, S.A. informs that the court ruled today.", "EDP - Energias de Portugal")]
    [InlineData("Correios de Portugal", "Os CTT – Correios de Portugal informam que as lojas abrem no sábado; os CTT abrem também no domingo.", "CTT – Correios de Portugal")]
    [InlineData("Redes Energéticas Nacionais", "A REN - Redes Energéticas Nacionais concluiu hoje a nova linha.", "REN - Redes Energéticas Nacionais")]
    public void Shape_ACompanysShortFormBeforeADash_IsPartOfItsName(string found, string paragraph, string expected)
    {
        Assert.Equal(expected, OrganisationNames.AsOrganisation(found, [paragraph]));
    }

    [Fact]
    public void Shape_AShortFormBeforeADashThatDoesNotSpellTheName_IsNoPartOfIt()
    {
        Assert.Equal("Example Foods", OrganisationNames.AsOrganisation("Example Foods", ["NEWS - Example Foods opens a new plant today."]));
    }

    [Fact]
    public void Mail_OfTheNamesThatSpellTheDomain_TheOneTheTextKeepsWritingWinsOverAHeadlinesWords()
    {
        var mail = "From: Jane Roe <jroe@northpoly.example>\r\nTo: desk@example.org\r\n"
            + "Subject: New North Poly Program Awards College Credits to Harbour High Students\r\n"
            + "Date: Wed, 6 Apr 2016 09:30:41 -0400\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "New North Poly Program Awards College Credits to Harbour High Students\r\n\r\n"
            + "Harbour City - A course for 12th graders opens at Harbour High School (HHS) this autumn, taught by North Polytechnic Institute.\r\n\r\n"
            + "The course materials are approved by North Poly, said the President of North Polytechnic Institute.\r\n";

        Assert.Equal("North Polytechnic Institute", Accept(mail, "domain.eml").Organisation);
    }

    [Theory]
    [InlineData("press@scotland.healthservice.example", "Health Service Scotland", "Health Service")]
    [InlineData("presse@bayern.roteskreuz.example", "Rotes Kreuz Bayern", "Rotes Kreuz")]
    public void Mail_AHostWhoseLabelsSpellABranchTheTextNames_IsThatBranchsNotTheParents(string address, string branch, string parent)
    {
        var mail = $"From: Newsdesk <{address}>\r\nTo: desk@example.org\r\nSubject: Four hospitals get new wards\r\n"
            + "Date: Mon, 5 Aug 2019 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + $"Four hospitals run by {parent} Trusts get new wards, and {parent} Foundation Trusts get new theatres.\r\n\r\n"
            + $"Jane Roe, Chief Nurse, {branch} said: \"We welcome the funding for {parent} services.\"\r\n";

        Assert.Equal(branch, Accept(mail, "branch.eml").Organisation);
    }
}
