using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Releases;

public class UploadNamesTests
{
    [Theory]
    [InlineData("release.md")]
    [InlineData("r0123456789-climate-data.txt")]
    [InlineData("Pressemitteilung März.html")]
    [InlineData(".hidden.txt")]
    public void PlainFileNames_AreSafe(string name) => Assert.True(UploadNames.IsSafeSegment(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../victim.txt")]
    [InlineData("a/b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("..\\victim.txt")]
    [InlineData("release.txt.")]
    [InlineData("release.txt ")]
    [InlineData("line\nbreak.txt")]
    [InlineData("nul\0.txt")]
    [InlineData("bidi\u202Eexe.txt")]
    public void NamesThatAddressSomethingElse_OrCannotBeShown_AreUnsafe(string name) => Assert.False(UploadNames.IsSafeSegment(name));

    [Fact]
    public void AnUnpairedSurrogate_IsUnsafe()
    {
        Assert.False(UploadNames.IsSafeSegment("half" + (char)0xD800 + ".txt"));
        Assert.True(UploadNames.IsSafeSegment("emoji\U0001F600.txt"));
    }

    [Fact]
    public void AFileNameOverTheLimit_IsUnsafe()
    {
        Assert.True(UploadNames.IsSafeSegment(new string('a', UploadNames.MaxFileNameLength)));
        Assert.False(UploadNames.IsSafeSegment(new string('a', UploadNames.MaxFileNameLength + 1)));
    }

    [Fact]
    public void TheTriggerPath_IsSplitAtItsFirstSlash_SoATraversalStaysInTheFileName()
    {
        var (memberId, fileName) = UploadNames.Split("zz/../../templates/victim.txt");

        Assert.Equal("zz", memberId);
        Assert.False(UploadNames.AreSafe(memberId, fileName));
        Assert.True(UploadNames.AreSafe("ucl", "release.md"));
        Assert.True(UploadNames.AreSafe(string.Empty, "dropped-at-the-root.txt"));
    }

    [Fact]
    public void Describe_KeepsOnlyPrintableCharacters() =>
        Assert.Equal("zz_.._.._templates_victim.txt", UploadNames.Describe("zz/../..\\templates/victim.txt"));
}
