using System.Globalization;
using System.Text;

namespace Newsletter.Core.Subscriptions;

/// <summary>Why an address was refused; each has its own friendly message on the form.</summary>
public enum AddressProblem
{
    None,
    Empty,
    ControlCharacter,
    Whitespace,
    MissingAt,
    MoreThanOneAt,
    LocalPartEmpty,
    LocalPartTooLong,
    LocalPartInvalid,
    DomainEmpty,
    DomainInvalid,
    DomainNeedsDot,
    DomainTooLong,
    TooLong,
}

/// <summary>
/// A validated e-mail address in one canonical form.
/// <para>
/// Canonical form: surrounding white space trimmed, Unicode normalised to NFC, the domain converted
/// to its ASCII (IDNA) form and lower-cased. The local part keeps the case the reader typed, because
/// RFC 5321 lets a server treat it as case-sensitive and mail is sent to <see cref="Address"/> as
/// typed. The lookup <see cref="Key"/> lower-cases the local part too: in practice every mailbox
/// provider ignores its case, and one reader must not become two because they typed
/// <c>A@Example.org</c> once and <c>a@example.org</c> the next time.
/// </para>
/// <para>
/// Accepted: dot-atom local parts (RFC 5322 atext, plus non-ASCII letters as RFC 6531 allows) and
/// domain names with at least one dot. Refused: quoted local parts, domain literals
/// (<c>[192.0.2.1]</c>), white space and control or formatting characters anywhere, and anything
/// beyond the RFC 5321 limits (local part 64 octets, domain 255 octets, path 254 characters).
/// </para>
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLocalPartOctets = 64;
    public const int MaxDomainOctets = 253;
    public const int MaxLength = 254;
    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private EmailAddress(string localPart, string domain, string unicodeDomain)
    {
        LocalPart = localPart;
        Domain = domain;
        UnicodeDomain = unicodeDomain;
        Address = localPart + "@" + domain;
        Key = localPart.ToLowerInvariant() + "@" + domain;
    }

    /// <summary>The part before the @, as typed (NFC).</summary>
    public string LocalPart { get; }

    /// <summary>The domain in ASCII (punycode for international names), lower-case.</summary>
    public string Domain { get; }

    /// <summary>The domain as people read it, e.g. <c>bücher.example</c>.</summary>
    public string UnicodeDomain { get; }

    /// <summary>The address mail is sent to.</summary>
    public string Address { get; }

    /// <summary>The lookup key: one per reader, whatever case or domain form they typed.</summary>
    public string Key { get; }

    public override string ToString() => Address;

    /// <summary>Parses an address, or says why it is not one.</summary>
    public static bool TryParse(string? input, out EmailAddress? address, out AddressProblem problem)
    {
        address = null;
        problem = Check(input, out var local, out var ascii, out var unicode);
        if (problem != AddressProblem.None)
        {
            return false;
        }

        address = new EmailAddress(local!, ascii!, unicode!);
        return true;
    }

    public static EmailAddress Parse(string input) =>
        TryParse(input, out var address, out var problem) ? address! : throw new FormatException($"Not an e-mail address: {problem}.");

    private static AddressProblem Check(string? input, out string? local, out string? ascii, out string? unicode)
    {
        local = ascii = unicode = null;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return AddressProblem.Empty;
        }

        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                // Surrogates are allowed only as valid pairs; IsSurrogatePair is checked below via normalisation.
                if (category == UnicodeCategory.Surrogate)
                {
                    continue;
                }

                return AddressProblem.ControlCharacter;
            }

            if (char.IsWhiteSpace(c))
            {
                return AddressProblem.Whitespace;
            }
        }

        try
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: not text at all.
            return AddressProblem.ControlCharacter;
        }

        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return AddressProblem.MissingAt;
        }

        if (text.IndexOf('@') != at)
        {
            return AddressProblem.MoreThanOneAt;
        }

        var localPart = text[..at];
        var domain = text[(at + 1)..];
        if (localPart.Length == 0)
        {
            return AddressProblem.LocalPartEmpty;
        }

        if (Encoding.UTF8.GetByteCount(localPart) > MaxLocalPartOctets)
        {
            return AddressProblem.LocalPartTooLong;
        }

        if (!IsDotAtom(localPart))
        {
            return AddressProblem.LocalPartInvalid;
        }

        if (domain.Length == 0)
        {
            return AddressProblem.DomainEmpty;
        }

        if (domain.StartsWith('[') || domain.EndsWith('.'))
        {
            return AddressProblem.DomainInvalid;
        }

        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return domain.Length > MaxDomainOctets ? AddressProblem.DomainTooLong : AddressProblem.DomainInvalid;
        }

        if (asciiDomain.Length > MaxDomainOctets)
        {
            return AddressProblem.DomainTooLong;
        }

        var labels = asciiDomain.Split('.');
        if (labels.Length < 2)
        {
            return AddressProblem.DomainNeedsDot;
        }

        if (labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-')) || labels[^1].All(char.IsAsciiDigit))
        {
            return AddressProblem.DomainInvalid;
        }

        if (Encoding.UTF8.GetByteCount(localPart) + 1 + asciiDomain.Length > MaxLength)
        {
            return AddressProblem.TooLong;
        }

        local = localPart;
        ascii = asciiDomain;
        unicode = Idn.GetUnicode(asciiDomain);
        return AddressProblem.None;
    }

    private static bool IsDotAtom(string localPart)
    {
        if (localPart.StartsWith('.') || localPart.EndsWith('.') || localPart.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in localPart)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c == '.' || AtomSpecials.Contains(c, StringComparison.Ordinal)
                     || (c > 0x7F && (char.IsLetterOrDigit(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
