using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Newsletter.Testing;

/// <summary>Images made by the tests themselves, hostile ones included: no binary fixtures.</summary>
public static class TestImages
{
    /// <summary>An image whose left half is red and right half blue, encoded as <paramref name="format"/>.</summary>
    public static byte[] Halves(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, bool transparent = false, int quality = 90)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, transparent ? SKAlphaType.Premul : SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(transparent ? SKColors.Transparent : SKColors.White);
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = transparent ? SKColors.Blue.WithAlpha(128) : SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Random noise, so a JPEG of it is large and every part of the file carries pixels.</summary>
    public static byte[] Noise(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A PNG that declares <paramref name="width"/> x <paramref name="height"/> pixels and carries almost no data: a decompression bomb's header.</summary>
    public static byte[] PngHeader(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        Chunk(stream, "IHDR", ihdr);
        Chunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>A two-frame GIF of one pixel: red, then blue.</summary>
    public static byte[] TwoFrameGif() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0,
        0xFF, 0, 0, 0, 0, 0xFF,
        0x21, 0xF9, 4, 0, 10, 0, 0, 0,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0,
        0x21, 0xF9, 4, 0, 10, 0, 0, 0,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0,
        0x3B,
    ];

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF segment right after its start marker: orientation 6 (turn 90 degrees
    /// clockwise to view) and a GPS directory with a latitude, as a phone writes it.
    /// </summary>
    public static byte[] WithGpsExif(byte[] jpeg)
    {
        using var tiff = new MemoryStream();
        void U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.Write(b); }
        void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); tiff.Write(b); }
        tiff.Write("MM"u8); U16(42); U32(8);
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(6); U16(0);        // Orientation = 6
        U16(0x8825); U16(4); U32(1); U32(38);               // GPS IFD at 38
        U32(0);
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.Write("N\0\0\0"u8);  // GPSLatitudeRef
        U16(0x0002); U16(5); U32(3); U32(68);               // GPSLatitude, 3 rationals at 68
        U32(0);
        U32(59); U32(1); U32(20); U32(1); U32(4321); U32(100);  // 59 deg 20' 43.21"
        var payload = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff.ToArray()).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary><paramref name="jpeg"/> with a comment segment holding <paramref name="text"/> (an HTML/JPEG polyglot when it is markup).</summary>
    public static byte[] WithComment(byte[] jpeg, string text)
    {
        var payload = Encoding.ASCII.GetBytes(text);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>True when the JPEG holds an APP1 segment (EXIF or XMP) before its image data.</summary>
    public static bool HasApp1(byte[] jpeg)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xE1)
            {
                return true;
            }

            if (marker == 0xDA)
            {
                return false;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }

        return false;
    }

    public static SKColor PixelAt(byte[] encoded, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return bitmap.GetPixel(x, y);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
