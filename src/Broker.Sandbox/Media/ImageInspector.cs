namespace Broker.Sandbox.Media;

/// <summary>Reads just enough of an image to validate it: JPEG magic bytes and the frame size.</summary>
internal static class ImageInspector
{
    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static bool IsImage(ReadOnlySpan<byte> data) =>
        IsJpeg(data)
        || data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || data.StartsWith("GIF8"u8)
        || data.StartsWith("BM"u8)
        || data.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 42, 0])
        || data.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 42]);

    /// <summary>Width and height from the first SOFn segment, or null when the JPEG has none.</summary>
    public static (int Width, int Height)? JpegSize(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = data[i + 1];
            if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9))
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            var length = (data[i + 2] << 8) | data[i + 3];
            var isFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (isFrame)
            {
                var height = (data[i + 5] << 8) | data[i + 6];
                var width = (data[i + 7] << 8) | data[i + 8];
                return (width, height);
            }

            i += 2 + length;
        }

        return null;
    }
}
