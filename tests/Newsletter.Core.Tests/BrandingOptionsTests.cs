using System.ComponentModel.DataAnnotations;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;

namespace Newsletter.Core.Tests;

public class BrandingOptionsTests
{
    [Fact]
    public void ShippedDefaults_AreEachReportedAsAPlaceholder()
    {
        var found = BrandingOptions.Placeholders(new BrandingOptions(), new MailOptions(), new DigestOptions());

        Assert.Equal(3, found.Count);
        Assert.Contains(found, f => f.StartsWith("Mail:From is the placeholder sender updates@example.org", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("Digest:PostalAddress is the example postal address", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("Branding:PrivacyContact is the placeholder privacy@example.org", StringComparison.Ordinal));
    }

    [Fact]
    public void RealValues_AreNotReported()
    {
        var found = BrandingOptions.Placeholders(
            new BrandingOptions { PrivacyContact = "https://science.example/privacy" },
            new MailOptions { From = "digest@science.example" },
            new DigestOptions { PostalAddress = "2 Lab Road, 3000 Leuven, Belgium" });

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("dpo@science.example", "mailto:dpo@science.example")]
    [InlineData("https://science.example/privacy", "https://science.example/privacy")]
    public void PrivacyContact_BecomesALink(string contact, string href) =>
        Assert.Equal(href, new BrandingOptions { PrivacyContact = contact }.PrivacyContactHref);

    [Theory]
    [InlineData("#0b5394", true)]
    [InlineData("red", false)]
    [InlineData("#0b5394;}body{display:none", false)]
    public void AccentColour_MustBeAHexColour(string colour, bool valid)
    {
        var options = new BrandingOptions { AccentColour = colour };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }
}
