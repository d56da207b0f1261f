using System.Net;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Intake;

/// <summary>Instagram takes only JPEG: a PNG gets a JPEG rendition at upload, and Instagram is offered that one.</summary>
public sealed class PngRenditionTests
{
    [Fact]
    public async Task A_png_upload_gets_a_jpeg_rendition_of_the_same_size_served_publicly_beside_the_original()
    {
        await using var scenario = await Scenario.StartAsync();
        var id = await scenario.UploadPhotoAsync(SampleImages.Png(1080, 1350), "poster.png");

        var media = await scenario.Api.GetJsonAsync($"/api/media/{id}");
        var original = await scenario.Api.GetAsync(new Uri(media.Str("url")));
        var rendition = await scenario.Api.GetAsync(new Uri(media.Str("jpegUrl")));

        Assert.Equal("image/png", media.Str("contentType"));
        Assert.Equal("image/png", original.Content.Headers.ContentType!.MediaType);
        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (rendition.StatusCode, rendition.Content.Headers.ContentType!.MediaType));
        Assert.Equal(new ImageInfo("image/jpeg", 1080, 1350), ImageInfo.Read(await rendition.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task An_item_with_a_png_photo_publishes_to_instagram_as_its_jpeg_and_to_facebook_as_the_png()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync(SampleImages.Png(1080, 1080), "infografis.png");
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram], [photo]);

        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        Assert.EndsWith($"/media/{photo}.jpg", Assert.Single(scenario.Sandbox.State.Posts("instagram")).MediaUrls[0], StringComparison.Ordinal);
        Assert.EndsWith($"/media/{photo}", Assert.Single(scenario.Sandbox.State.Posts("facebook")).MediaUrls[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_outside_instagrams_aspect_ratios_is_refused_at_approval_with_the_reason()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync(SampleImages.Jpeg(1080, 1500));
        var item = await scenario.SubmitItemAsync("diskominfo", [instagram], [photo]);

        var problem = await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 422);

        Assert.Contains("4:5", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("submitted", (await scenario.ItemAsync(item)).Str("status"));
    }
}
