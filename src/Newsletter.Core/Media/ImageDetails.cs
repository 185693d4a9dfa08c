using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Media;

/// <summary>The details of an image, cleaned, or the refusal naming every missing part.</summary>
public sealed record ImageDetailsCheck(ImageDetails? Details, Rejection? Refusal);

/// <summary>What a reader is told about an image: its caption, who made it, under which licence, and its alt text.</summary>
public sealed record ImageDetails(string Caption, string Credit, string Licence, string Alt)
{
    public const int MaxCaptionLength = 300;
    public const int MaxCreditLength = 120;
    public const int MaxAltLength = 300;

    public ImageLicence LicenceInfo => ImageLicences.Find(Licence) ?? ImageLicences.All[^1];

    /// <summary>
    /// The details as given, cleaned to single lines: caption and credit are required, the licence must be one of
    /// <see cref="ImageLicences.All"/>, the alt text defaults to the caption. The refusal names every missing part.
    /// </summary>
    public static ImageDetailsCheck Check(string? caption, string? credit, string? licence, string? alt = null)
    {
        var cleanCaption = TextCleaner.SingleLine(caption ?? string.Empty, MaxCaptionLength);
        var cleanCredit = TextCleaner.SingleLine(credit ?? string.Empty, MaxCreditLength);
        var cleanAlt = TextCleaner.SingleLine(alt ?? string.Empty, MaxAltLength);
        var found = ImageLicences.Find(licence);
        var problems = new List<string>();
        if (cleanCaption.Length == 0)
        {
            problems.Add("a caption");
        }

        if (cleanCredit.Length == 0)
        {
            problems.Add("a credit (who made the image)");
        }

        if (found is null)
        {
            problems.Add($"a licence, one of {ImageLicences.Described}");
        }

        if (problems.Count > 0)
        {
            return new ImageDetailsCheck(null, new Rejection(ImageRejections.MissingDetails, "The image needs " + string.Join(", ", problems) + "."));
        }

        return new ImageDetailsCheck(new ImageDetails(cleanCaption, cleanCredit, found!.Code, cleanAlt.Length > 0 ? cleanAlt : cleanCaption), null);
    }
}

/// <summary>Why an image was not used. Stable codes, like <see cref="RejectionCodes"/>; the release itself goes on.</summary>
public static class ImageRejections
{
    public const string Empty = "image-empty";
    public const string TooLarge = "image-too-large";
    public const string TooManyPixels = "image-too-many-pixels";
    public const string Shape = "image-shape";
    public const string Svg = "image-svg";
    public const string UnsupportedFormat = "image-unsupported-format";
    public const string Damaged = "image-damaged";
    public const string MissingDetails = "image-details";
}
