namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>
/// A minimal JPEG: start of image, a JFIF header, a baseline frame header carrying the size, end of image. Enough for
/// anything that checks the magic bytes and reads the size from the SOF0 segment, as the sandbox does.
/// </summary>
internal static class TestJpeg
{
    public static byte[] Create(int width, int height)
    {
        byte[] startAndJfif =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        ];
        byte[] frame =
        [
            0xFF, 0xC0, 0x00, 0x11, 0x08,
            (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
            0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        ];
        byte[] end = [0xFF, 0xD9];
        return [.. startAndJfif, .. frame, .. end];
    }
}
