using System.Buffers.Binary;

namespace Broker.Intake;

/// <summary>A photo's type and size, read from its bytes (never from its name or the declared content type).</summary>
public sealed record ImageInfo(string ContentType, int Width, int Height)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads a JPEG's or PNG's type and dimensions; null when the bytes are neither, or are broken.</summary>
    public static ImageInfo? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual(PngSignature) && bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(20, 4));
            return width > 0 && height > 0 ? new ImageInfo("image/png", width, height) : null;
        }

        return bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? ReadJpeg(bytes) : null;
    }

    private static ImageInfo? ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return null;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 2, 2));
            if (length < 2)
            {
                return null;
            }

            // Start-of-frame markers (baseline, progressive, …) carry the dimensions; C4, C8 and CC are not frames.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 9 > bytes.Length)
                {
                    return null;
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 5, 2));
                int width = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(at + 7, 2));
                return width > 0 && height > 0 ? new ImageInfo("image/jpeg", width, height) : null;
            }

            at += 2 + length;
        }

        return null;
    }
}
