using System.ComponentModel.DataAnnotations;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;

namespace Newsletter.Core;

/// <summary>
/// Who runs the list and how its pages look: the organisation named by the privacy notice, whom to ask
/// about data, how long it is kept, the logo and the accent colour. The network's name (<c>App:NetworkName</c>),
/// the sender (<c>Mail:From</c>) and the postal address (<c>Digest:PostalAddress</c>) complete the identity.
/// </summary>
public sealed class BrandingOptions
{
    public const string SectionName = "Branding";

    /// <summary>The organisation responsible for the list (the data controller), named by the privacy notice.</summary>
    [Required, MaxLength(200)]
    public string Organisation { get; set; } = "The Network Office";

    /// <summary>Where readers ask about their data: an e-mail address or a web address.</summary>
    [Required, MaxLength(300)]
    public string PrivacyContact { get; set; } = "privacy@example.org";

    /// <summary>How long a former reader's data is kept after they leave, in months (erasure on request is immediate).</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 24;

    /// <summary>An absolute https address of the logo shown in the page header; empty shows the name only.</summary>
    [MaxLength(500)]
    public string LogoUrl { get; set; } = string.Empty;

    /// <summary>The colour of links and buttons, as #rrggbb; dark enough to read white text on it.</summary>
    [Required, RegularExpression("^#[0-9A-Fa-f]{6}$", ErrorMessage = "Branding:AccentColour must be a colour like #0b5394.")]
    public string AccentColour { get; set; } = "#0b5394";

    /// <summary>The privacy contact as a link target: mailto: for an address, the address itself for a web page.</summary>
    public string PrivacyContactHref => PrivacyContact.Contains('@', StringComparison.Ordinal) && !PrivacyContact.Contains("://", StringComparison.Ordinal)
        ? "mailto:" + PrivacyContact
        : PrivacyContact;

    /// <summary>
    /// The identity settings still holding the shipped example values, one line each, so that a host can
    /// say so at start-up: mail from example.org or an example postal address must not reach readers.
    /// </summary>
    public static IReadOnlyList<string> Placeholders(BrandingOptions branding, MailOptions mail, DigestOptions digest)
    {
        ArgumentNullException.ThrowIfNull(branding);
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(digest);
        var found = new List<string>();
        if (IsExampleDomain(mail.From))
        {
            found.Add($"Mail:From is the placeholder sender {mail.From}: set the address your mail is sent from.");
        }

        if (digest.PostalAddress.Contains("Example Street", StringComparison.OrdinalIgnoreCase))
        {
            found.Add("Digest:PostalAddress is the example postal address: set the sender's real one (every digest prints it).");
        }

        if (IsExampleDomain(branding.PrivacyContact))
        {
            found.Add($"Branding:PrivacyContact is the placeholder {branding.PrivacyContact}: set where readers ask about their data.");
        }

        return found;
    }

    private static bool IsExampleDomain(string value) =>
        value.EndsWith("@example.org", StringComparison.OrdinalIgnoreCase) || value.Contains("example.org/", StringComparison.OrdinalIgnoreCase);
}
