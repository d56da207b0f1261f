using SkiaSharp;

namespace Broker.Intake;

/// <summary>
/// Makes the JPEG copy of an uploaded PNG that platforms taking only JPEG (Instagram) are offered, once at upload, so
/// publishing never waits for it and its size is known when the post is checked.
/// </summary>
internal static class JpegRenditions
{
    /// <summary>High enough that text on posters stays crisp; a 1080×1080 photo stays far under Instagram's 8 MB.</summary>
    public const int Quality = 90;

    /// <summary>The JPEG bytes of <paramref name="png"/>, or <c>null</c> when the PNG cannot be decoded.</summary>
    public static byte[]? FromPng(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png);
        if (decoded is null)
        {
            return null;
        }

        // JPEG has no transparency: transparent pixels would turn black, so the PNG is laid on white first.
        using var surface = SKSurface.Create(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var source = SKImage.FromBitmap(decoded);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default);
        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return jpeg.ToArray();
    }
}
