using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

public class EmailAddressTests
{
    private static AddressProblem Problem(string? input)
    {
        _ = EmailAddress.TryParse(input, out _, out var problem);
        return problem;
    }

    [Fact]
    public void TrimsAndLowerCasesTheDomain_KeepingTheLocalPartAsTyped()
    {
        var address = EmailAddress.Parse("  Jane.Doe@Example.ORG \t");

        Assert.Equal("Jane.Doe@example.org", address.Address);
        Assert.Equal("jane.doe@example.org", address.Key);
    }

    [Fact]
    public void DifferentCaseAndSpacing_IsOneReader()
    {
        Assert.Equal(EmailAddress.Parse("A@Example.org").Key, EmailAddress.Parse("a@example.org ").Key);
    }

    [Fact]
    public void InternationalDomain_IsConvertedToAscii_AndMatchesItsPunycodeForm()
    {
        var unicode = EmailAddress.Parse("anna@Bücher.Example");
        var ascii = EmailAddress.Parse("anna@xn--bcher-kva.example");

        Assert.Equal("anna@xn--bcher-kva.example", unicode.Address);
        Assert.Equal("bücher.example", unicode.UnicodeDomain);
        Assert.Equal(unicode.Key, ascii.Key);
    }

    [Fact]
    public void UnicodeIsNormalised_SoComposedAndDecomposedFormsAreOneReader()
    {
        var composed = EmailAddress.Parse("jos\u00e9@example.org");
        var decomposed = EmailAddress.Parse("jose\u0301@example.org");

        Assert.Equal(composed.Key, decomposed.Key);
    }

    [Theory]
    [InlineData("user+tag@example.org")]
    [InlineData("o'brien@example.co.uk")]
    [InlineData("first.last@sub.domain.example")]
    [InlineData("x@a-b.example")]
    public void AcceptsOrdinaryAddresses(string input)
    {
        Assert.True(EmailAddress.TryParse(input, out _, out var problem), problem.ToString());
    }

    [Theory]
    [InlineData("", AddressProblem.Empty)]
    [InlineData("   ", AddressProblem.Empty)]
    [InlineData(null, AddressProblem.Empty)]
    [InlineData("jane@example.org\r\nBcc: victim@example.org", AddressProblem.ControlCharacter)]
    [InlineData("jane\n@example.org", AddressProblem.ControlCharacter)]
    [InlineData("jane\u0000@example.org", AddressProblem.ControlCharacter)]
    [InlineData("ja\u200bne@example.org", AddressProblem.ControlCharacter)]
    [InlineData("ja\u202ene@example.org", AddressProblem.ControlCharacter)]
    [InlineData("jane doe@example.org", AddressProblem.Whitespace)]
    [InlineData("jane.example.org", AddressProblem.MissingAt)]
    [InlineData("jane@doe@example.org", AddressProblem.MoreThanOneAt)]
    [InlineData("@example.org", AddressProblem.LocalPartEmpty)]
    [InlineData("jane@", AddressProblem.DomainEmpty)]
    [InlineData(".jane@example.org", AddressProblem.LocalPartInvalid)]
    [InlineData("jane.@example.org", AddressProblem.LocalPartInvalid)]
    [InlineData("ja..ne@example.org", AddressProblem.LocalPartInvalid)]
    [InlineData("\"jane\"@example.org", AddressProblem.LocalPartInvalid)]
    [InlineData("ja(ne)@example.org", AddressProblem.LocalPartInvalid)]
    [InlineData("jane@localhost", AddressProblem.DomainNeedsDot)]
    [InlineData("jane@[192.0.2.1]", AddressProblem.DomainInvalid)]
    [InlineData("jane@example.org.", AddressProblem.DomainInvalid)]
    [InlineData("jane@-example.org", AddressProblem.DomainInvalid)]
    [InlineData("jane@exa_mple.org", AddressProblem.DomainInvalid)]
    [InlineData("jane@example..org", AddressProblem.DomainInvalid)]
    [InlineData("jane@192.0.2.1", AddressProblem.DomainInvalid)]
    public void RefusesWithTheReason(string? input, AddressProblem expected)
    {
        Assert.Equal(expected, Problem(input));
    }

    [Fact]
    public void LocalPart_MayHave64Octets_NotMore()
    {
        Assert.Equal(AddressProblem.None, Problem(new string('a', 64) + "@example.org"));
        Assert.Equal(AddressProblem.LocalPartTooLong, Problem(new string('a', 65) + "@example.org"));
        // Octets, not characters: 33 two-byte letters are 66 octets.
        Assert.Equal(AddressProblem.LocalPartTooLong, Problem(new string('é', 33) + "@example.org"));
    }

    [Fact]
    public void DomainLabel_MayHave63Octets_NotMore()
    {
        Assert.Equal(AddressProblem.None, Problem("a@" + new string('b', 63) + ".org"));
        Assert.NotEqual(AddressProblem.None, Problem("a@" + new string('b', 64) + ".org"));
    }

    [Fact]
    public void WholeAddress_MayHave254Characters_NotMore()
    {
        // 64 + 1 + 189 = 254: labels of 60 characters keep the domain itself valid.
        var domain189 = string.Join('.', new string('d', 60), new string('d', 60), new string('d', 59), "example");
        var domain190 = string.Join('.', new string('d', 60), new string('d', 60), new string('d', 60), "example");
        Assert.Equal(189, domain189.Length);

        Assert.Equal(AddressProblem.None, Problem(new string('a', 64) + "@" + domain189));
        Assert.Equal(AddressProblem.TooLong, Problem(new string('a', 64) + "@" + domain190));
    }

    [Fact]
    public void Domain_LongerThan253Octets_IsRefused()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 50), 6)) + ".org";

        Assert.Equal(AddressProblem.DomainTooLong, Problem("a@" + domain));
    }

    [Fact]
    public void EveryProblem_HasItsOwnFriendlyMessage()
    {
        var problems = Enum.GetValues<AddressProblem>().Where(p => p != AddressProblem.None).ToArray();
        var messages = problems.Select(FormRules.Message).ToArray();

        Assert.Equal(problems.Length, messages.Distinct().Count());
        Assert.All(messages, m => Assert.EndsWith(".", m, StringComparison.Ordinal));
    }
}
