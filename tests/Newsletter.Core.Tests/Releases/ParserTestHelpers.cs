using System.Text;
using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Releases;

internal static class ParserTestHelpers
{
    public static ParsedRelease Accept(string content, string fileName, UploadContext? context = null) =>
        Accept(Encoding.UTF8.GetBytes(content), fileName, context);

    public static ParsedRelease Accept(byte[] content, string fileName, UploadContext? context = null)
    {
        var result = ReleaseParser.Parse(content, fileName, context: context);
        Assert.True(result.Accepted, $"expected accepted, got {result.Rejection}");
        return result.Release!;
    }

    public static Rejection Reject(string content, string fileName) => Reject(Encoding.UTF8.GetBytes(content), fileName);

    public static Rejection Reject(byte[] content, string fileName)
    {
        var result = ReleaseParser.Parse(content, fileName);
        Assert.False(result.Accepted, $"expected a rejection, got title '{result.Release?.Title}'");
        return result.Rejection!;
    }
}
