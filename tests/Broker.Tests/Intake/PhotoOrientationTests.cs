using Broker.Intake;
using SkiaSharp;

namespace Broker.Tests.Intake;

/// <summary>A photo stored turned (with an EXIF note) is rendered the way viewers show it.</summary>
public sealed class PhotoOrientationTests
{
    [Theory]
    [InlineData(SKEncodedOrigin.TopRight, 3, 2, 2, 0)]
    [InlineData(SKEncodedOrigin.BottomRight, 3, 2, 2, 1)]
    [InlineData(SKEncodedOrigin.BottomLeft, 3, 2, 0, 1)]
    [InlineData(SKEncodedOrigin.LeftTop, 2, 3, 0, 0)]
    [InlineData(SKEncodedOrigin.RightTop, 2, 3, 1, 0)]
    [InlineData(SKEncodedOrigin.RightBottom, 2, 3, 1, 2)]
    [InlineData(SKEncodedOrigin.LeftBottom, 2, 3, 0, 2)]
    public void A_rendition_turned_upright_puts_the_stored_top_left_pixel_where_viewers_show_it(SKEncodedOrigin origin, int width, int height, int x, int y)
    {
        // Skia reports no orientation for PNGs today (an eXIf chunk is not read), so this is checked on a bitmap.
        using var stored = new SKBitmap(new SKImageInfo(3, 2, SKColorType.Rgba8888, SKAlphaType.Premul));
        stored.Erase(SKColors.White);
        stored.SetPixel(0, 0, SKColors.Red);

        using var upright = PhotoOrientation.Upright(stored, origin)!;

        Assert.Equal((width, height), (upright.Width, upright.Height));
        Assert.Equal(SKColors.Red, upright.GetPixel(x, y));
        Assert.Equal(1, Enumerable.Range(0, width * height).Count(i => upright.GetPixel(i % width, i / width) == SKColors.Red));
    }
}
