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

    /// <summary>
    /// The JPEG bytes of <paramref name="png"/>, turned upright by its orientation, or <c>null</c> when the PNG cannot
    /// be decoded. Memory: the decoded picture, 4 bytes a pixel, once (twice only while a turned one is turned).
    /// </summary>
    public static byte[]? FromPng(byte[] png)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        // JPEG has no transparency: transparent pixels would turn black, so white is laid under the picture, in place.
        using (var canvas = new SKCanvas(decoded))
        {
            canvas.DrawColor(SKColors.White, SKBlendMode.DstOver);
        }

        using var upright = PhotoOrientation.Upright(decoded, codec.EncodedOrigin);
        using var jpeg = (upright ?? decoded).Encode(SKEncodedImageFormat.Jpeg, Quality);
        return jpeg.ToArray();
    }
}
