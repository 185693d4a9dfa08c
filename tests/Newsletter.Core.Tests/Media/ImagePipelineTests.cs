using System.Text;
using Newsletter.Core.Media;
using Newsletter.Testing;
using SkiaSharp;

namespace Newsletter.Core.Tests.Media;

public sealed class ImagePipelineTests
{
    [Fact]
    public async Task AnImage_WaitsForItsTurn_WhileTheMostAllowedAreBeingProcessed()
    {
        for (var i = 0; i < ImagePipeline.MaxAtOnce; i++)
        {
            await ImagePipeline.Turns.WaitAsync();
        }

        Task<ImageResult> waiting;
        try
        {
            waiting = ImagePipeline.ProcessInTurnAsync(TestImages.Halves(400, 200), CancellationToken.None);
            using var cancelled = new CancellationTokenSource();
            var given = ImagePipeline.ProcessInTurnAsync(TestImages.Halves(400, 200), cancelled.Token);
            await cancelled.CancelAsync();

            Assert.False(waiting.IsCompleted);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given);
        }
        finally
        {
            ImagePipeline.Turns.Release(ImagePipeline.MaxAtOnce);
        }

        Assert.True((await waiting).Accepted);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void MakesThreeWidthsOfAnAcceptedImage(SKEncodedImageFormat format)
    {
        var result = ImagePipeline.Process(TestImages.Halves(2400, 1200, format));

        Assert.True(result.Accepted, result.Refusal?.ToString());
        Assert.Equal([(1200, 600), (600, 300), (160, 80)], result.Renditions!.Select(r => (r.Rendition.Width, r.Rendition.Height)));
        Assert.All(result.Renditions!, r =>
        {
            Assert.Equal("image/jpeg", r.Rendition.ContentType);
            Assert.Equal(SKEncodedImageFormat.Jpeg, ImagePipeline.Sniff(r.Content));
            Assert.Equal(r.Content.Length, r.Rendition.Length);
            using var decoded = SKBitmap.Decode(r.Content);
            Assert.Equal((r.Rendition.Width, r.Rendition.Height), (decoded.Width, decoded.Height));
            Assert.EndsWith($"-{r.Rendition.Width}.jpg", r.Rendition.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void NamesEachSizeByTheHashOfItsContent()
    {
        var first = ImagePipeline.Process(TestImages.Halves(800, 400)).Renditions!;
        var again = ImagePipeline.Process(TestImages.Halves(800, 400)).Renditions!;
        var other = ImagePipeline.Process(TestImages.Noise(800, 400)).Renditions!;

        Assert.Equal(first.Select(r => r.Rendition.Name), again.Select(r => r.Rendition.Name));
        Assert.Empty(first.Select(r => r.Rendition.Name).Intersect(other.Select(r => r.Rendition.Name)));
        Assert.Equal(first[0].Rendition.Name[..20], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first[0].Content))[..20]);
    }

    [Fact]
    public void NeverEnlargesASmallImage()
    {
        var result = ImagePipeline.Process(TestImages.Halves(500, 250));

        Assert.Equal([500, 160], result.Renditions!.Select(r => r.Rendition.Width));
    }

    [Fact]
    public void KeepsTransparencyAsPng()
    {
        var result = ImagePipeline.Process(TestImages.Halves(400, 200, SKEncodedImageFormat.Png, transparent: true));

        Assert.True(result.Accepted, result.Refusal?.ToString());
        Assert.All(result.Renditions!, r => Assert.Equal("image/png", r.Rendition.ContentType));
        Assert.True(TestImages.PixelAt(result.Renditions![0].Content, 300, 100).Alpha < 255);
    }

    [Fact]
    public void TakesTheFirstFrameOfAnAnimatedGif()
    {
        var result = ImagePipeline.Process(TestImages.TwoFrameGif());

        Assert.True(result.Accepted, result.Refusal?.ToString());
        var pixel = TestImages.PixelAt(result.Renditions!.Single().Content, 0, 0);
        Assert.True(pixel.Red > 200 && pixel.Blue < 60, $"first frame is red, got {pixel}");
    }

    [Fact]
    public void RefusesA50000By50000PngFromItsHeaderWithoutDecoding()
    {
        var bomb = TestImages.PngHeader(50_000, 50_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var memoryBefore = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;

        var result = ImagePipeline.Process(bomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var grown = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 - memoryBefore;
        Assert.Equal(ImageRejections.TooManyPixels, result.Refusal?.Code);
        Assert.Contains("50,000 x 50,000", result.Refusal!.Message, StringComparison.Ordinal);

        // Decoding would need 10 GB; refusing from the header allocates next to nothing, managed or native.
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
        Assert.True(grown < 100_000_000, $"working set grew {grown:N0} bytes");
    }

    [Fact]
    public void RefusesAStripThatStaysUnderThePixelLimit()
    {
        var result = ImagePipeline.Process(TestImages.PngHeader(40_000, 1_000));

        Assert.Equal(ImageRejections.Shape, result.Refusal?.Code);
    }

    [Fact]
    public void RefusesATruncatedJpeg()
    {
        var whole = TestImages.Noise(800, 600);
        Assert.True(ImagePipeline.Process(whole).Accepted);

        var result = ImagePipeline.Process(whole[..(whole.Length / 2)]);

        Assert.Equal(ImageRejections.Damaged, result.Refusal?.Code);
        Assert.Contains("truncated", result.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnSvgWithAScript()
    {
        var svg = Encoding.UTF8.GetBytes("""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>""");

        var result = ImagePipeline.Process(svg);

        Assert.Equal(ImageRejections.Svg, result.Refusal?.Code);
    }

    [Fact]
    public void RefusesHtmlWithAJpegBehindIt()
    {
        var polyglot = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>").Concat(TestImages.Halves(200, 100)).ToArray();

        var result = ImagePipeline.Process(polyglot);

        Assert.Equal(ImageRejections.UnsupportedFormat, result.Refusal?.Code);
    }

    [Fact]
    public void StoresAJpegWithHtmlInsideAsPixelsOnly()
    {
        const string Html = "<html><body><script>alert(document.domain)</script></body></html>";
        var polyglot = TestImages.WithComment(TestImages.Halves(400, 200), Html);
        Assert.Contains("<script>", Encoding.ASCII.GetString(polyglot), StringComparison.Ordinal);

        var result = ImagePipeline.Process(polyglot);

        Assert.True(result.Accepted, result.Refusal?.ToString());
        Assert.All(result.Renditions!, r =>
        {
            var text = Encoding.ASCII.GetString(r.Content);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void AppliesTheOrientationAndDropsGpsExif()
    {
        var photo = TestImages.WithGpsExif(TestImages.Halves(400, 200));
        Assert.True(TestImages.HasApp1(photo));

        var result = ImagePipeline.Process(photo);

        Assert.True(result.Accepted, result.Refusal?.ToString());
        var large = result.Renditions![0];
        Assert.Equal((200, 400), (large.Rendition.Width, large.Rendition.Height));

        // Turned clockwise: the stored left half (red) is now on top, the right half (blue) below.
        var top = TestImages.PixelAt(large.Content, 100, 20);
        var bottom = TestImages.PixelAt(large.Content, 100, 380);
        Assert.True(top.Red > 200 && top.Blue < 60, $"top {top}");
        Assert.True(bottom.Blue > 200 && bottom.Red < 60, $"bottom {bottom}");
        Assert.All(result.Renditions!, r =>
        {
            Assert.False(TestImages.HasApp1(r.Content));
            Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(r.Content), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RefusesWhatIsNotAnImage(int kind)
    {
        byte[] content = kind == 0 ? [] : Encoding.UTF8.GetBytes("just some text");

        var result = ImagePipeline.Process(content);

        Assert.Equal(kind == 0 ? ImageRejections.Empty : ImageRejections.UnsupportedFormat, result.Refusal?.Code);
    }

    [Fact]
    public void RefusesMoreThanTenMebibytes()
    {
        var result = ImagePipeline.Process(new byte[ImagePipeline.MaxBytes + 1]);

        Assert.Equal(ImageRejections.TooLarge, result.Refusal?.Code);
    }
}
