using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Intake;

/// <summary>Phones store a portrait photo as a landscape picture with an EXIF note to turn it: it is measured turned.</summary>
public sealed class PhotoOrientationTests
{
    [Fact]
    public async Task A_jpeg_turned_by_its_exif_orientation_is_stored_and_judged_by_its_displayed_portrait_shape()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, instagram, _) = await scenario.CreateCentralAccountsAsync();

        // Encoded 2000×1080 (landscape, within Instagram's ratios), shown turned a quarter clockwise: 1080×2000, too tall.
        var photo = await scenario.UploadPhotoAsync(WithExifOrientation(SampleImages.Jpeg(2000, 1080), 6));

        var media = await scenario.Api.GetJsonAsync($"/api/media/{photo}");
        Assert.Equal((1080, 2000), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
        var item = await scenario.SubmitItemAsync("diskominfo", [instagram], [photo]);
        var problem = await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 422);
        Assert.Contains("4:5", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jpeg_with_an_orientation_that_does_not_turn_it_keeps_its_shape()
    {
        await using var scenario = await Scenario.StartAsync();
        var photo = await scenario.UploadPhotoAsync(WithExifOrientation(SampleImages.Jpeg(2000, 1080), 3));

        var media = await scenario.Api.GetJsonAsync($"/api/media/{photo}");
        Assert.Equal((2000, 1080), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));
    }

    /// <summary>The JPEG with an APP1 Exif segment after its start marker whose only tag is Orientation (0x0112).</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, byte orientation)
    {
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 34,
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD0 at 8
            0x00, 0x01,                                                 // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
            0x00, 0x00, 0x00, 0x00,                                     // no next IFD
        ];
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }
}
