using Newsletter.Core.Media;

namespace Newsletter.Core.Tests.Media;

public sealed class ImageDetailsTests
{
    [Fact]
    public void AltTextDefaultsToTheCaption()
    {
        var (details, refusal) = ImageDetails.Check("  The new\r\nlaboratory ", "Photo: Anna Berg", "CC BY 4.0");

        Assert.Null(refusal);
        Assert.Equal(new ImageDetails("The new laboratory", "Photo: Anna Berg", "cc-by-4.0", "The new laboratory"), details);
    }

    [Fact]
    public void KeepsAnAltTextOfItsOwn()
    {
        var (details, _) = ImageDetails.Check("Caption", "Credit", "permission", "Two researchers at a bench");

        Assert.Equal("Two researchers at a bench", details!.Alt);
        Assert.Equal("All rights reserved, used with permission", details.LicenceInfo.Label);
    }

    [Theory]
    [InlineData("cc-by-sa-4.0", "cc-by-sa-4.0")]
    [InlineData("CC BY-SA 4.0", "cc-by-sa-4.0")]
    [InlineData("cc0 1.0", "cc0-1.0")]
    public void ReadsALicenceByCodeOrLabel(string given, string code)
    {
        Assert.Equal(code, ImageDetails.Check("c", "c", given).Details!.Licence);
    }

    [Fact]
    public void NamesEveryMissingPart()
    {
        var (details, refusal) = ImageDetails.Check(" ", null, "public domain, I think");

        Assert.Null(details);
        Assert.Equal(ImageRejections.MissingDetails, refusal!.Code);
        Assert.Contains("a caption", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("a credit", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cc-by-4.0 (CC BY 4.0)", refusal.Message, StringComparison.Ordinal);
    }
}
