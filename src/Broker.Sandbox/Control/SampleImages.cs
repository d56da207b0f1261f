using System.Buffers.Binary;
using System.IO.Compression;

namespace Broker.Sandbox.Control;

/// <summary>Generates real, decodable grey test images of any size, so tests need no image files.</summary>
public static class SampleImages
{
    /// <summary>A baseline greyscale JPEG; <paramref name="minimumBytes"/> pads it with comment segments.</summary>
    public static byte[] Jpeg(int width, int height, long minimumBytes = 0)
    {
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        Segment(output, 0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        Segment(output, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(output, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

        // One-symbol Huffman tables: DC category 0 and AC end-of-block are both the 1-bit code "0",
        // so a flat mid-grey block (all coefficients zero) costs two bits.
        Segment(output, 0xC4, [0x00, 1, .. new byte[15], 0x00]);
        Segment(output, 0xC4, [0x10, 1, .. new byte[15], 0x00]);
        var blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        var scanBytes = ((blocks * 2) + 7) / 8;
        var padding = minimumBytes - (output.Length + 14 + scanBytes + 2);
        while (padding > 0)
        {
            var chunk = (int)Math.Min(65_533, Math.Max(1, padding - 4));
            Segment(output, 0xFE, new byte[chunk]);
            padding -= chunk + 4;
        }

        Segment(output, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        var scan = new byte[scanBytes];
        var usedBits = blocks * 2 % 8;
        if (usedBits != 0)
        {
            scan[^1] = (byte)(0xFF >> (int)usedBits);
        }

        output.Write(scan);
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>A greyscale PNG (used to show that Instagram refuses anything but JPEG).</summary>
    public static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk(output, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[width + 1];
                Array.Fill(row, (byte)128, 1, width);
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            Chunk(output, "IDAT", pixels.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Segment(Stream output, byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        output.Write([0xFF, marker, (byte)(length >> 8), (byte)length]);
        output.Write(payload);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
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
