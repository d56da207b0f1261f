using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Instagram;

/// <summary>A PNG reaches Instagram as the broker's JPEG rendition: Instagram itself refuses PNG (2207005).</summary>
public sealed class InstagramJpegRenditionTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_png_photo_is_offered_to_instagram_by_the_url_of_its_jpeg_rendition()
    {
        var rendition = harness.Photos.Photo("poster-jpeg");
        var png = rendition with
        {
            Id = "poster",
            ContentType = "image/png",
            PublicUrl = new Uri($"{harness.Sandbox.Address}/_sandbox/images/1080x1080.png"),
            JpegRendition = rendition,
        };
        var post = new RenderedPost { Text = "Poster dalam PNG", Media = [png] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post), CancellationToken.None));

        Assert.IsType<PublishOutcome.Published>(outcome);
        var container = Assert.Single(harness.Sandbox.State.RequestsFor("instagram"), r => r.Endpoint == "media");
        Assert.Contains(Uri.EscapeDataString(rendition.PublicUrl.AbsoluteUri), container.Body, StringComparison.Ordinal);
        Assert.Equal(rendition.PublicUrl.AbsoluteUri, Assert.Single(harness.Sandbox.State.Posts("instagram")).MediaUrls[0]);
    }
}
