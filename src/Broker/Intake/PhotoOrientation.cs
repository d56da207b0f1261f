using SkiaSharp;

namespace Broker.Intake;

/// <summary>
/// The EXIF orientation of a photo: phones store a portrait photo as a landscape picture with a note to turn it, and
/// every viewer (and platform) shows it turned. Its shape is measured turned, and a re-encoded rendition is turned for
/// real, since the note is not carried over.
/// </summary>
internal static class PhotoOrientation
{
    /// <summary>The origin the photo's metadata gives (reading headers only), top-left when it gives none.</summary>
    public static SKEncodedOrigin Of(byte[] photo)
    {
        using var data = SKData.CreateCopy(photo);
        using var codec = SKCodec.Create(data);
        return codec?.EncodedOrigin ?? SKEncodedOrigin.TopLeft;
    }

    /// <summary>Orientations 5 to 8 turn the picture a quarter: its width and height swap.</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The stored picture turned upright, or null when it already is.</summary>
    public static SKBitmap? Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return null;
        }

        var (w, h) = (stored.Width, stored.Height);
        var upright = new SKBitmap(SwapsSides(origin) ? stored.Info.WithSize(h, w) : stored.Info);
        using var canvas = new SKCanvas(upright);

        // Where each stored pixel lands (as Skia's SkEncodedOriginToMatrix): x' = a·x + b·y + c, y' = d·x + e·y + f.
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => Matrix(-1, 0, w, 0, 1, 0),
            SKEncodedOrigin.BottomRight => Matrix(-1, 0, w, 0, -1, h),
            SKEncodedOrigin.BottomLeft => Matrix(1, 0, 0, 0, -1, h),
            SKEncodedOrigin.LeftTop => Matrix(0, 1, 0, 1, 0, 0),
            SKEncodedOrigin.RightTop => Matrix(0, -1, h, 1, 0, 0),
            SKEncodedOrigin.RightBottom => Matrix(0, -1, h, -1, 0, w),
            _ => Matrix(0, 1, 0, -1, 0, w),
        });
        using var image = SKImage.FromBitmap(stored);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return upright;
    }

    private static SKMatrix Matrix(float a, float b, float c, float d, float e, float f) => new(a, b, c, d, e, f, 0, 0, 1);
}
