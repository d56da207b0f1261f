using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Facebook;

/// <summary>
/// The Facebook adapter against the Graph API's documented example responses (files under <c>Documented/</c>, each
/// naming its page), not against our sandbox, which shares our reading of the documentation.
/// </summary>
public sealed class FacebookDocumentedResponseTests : IAsyncLifetime
{
    private readonly MetaReplay meta = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await meta.DisposeAsync();

    [Fact]
    public async Task A_feed_post_answered_with_its_id_is_published_with_the_permalink_read_back()
    {
        meta.Platform
            .On(HttpMethod.Post, $"/{MetaReplay.PageId}/feed$", "facebook-feed-created")
            .On(HttpMethod.Get, "/104857600000001_130068550371568$", "facebook-post-permalink");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pemkot membuka pendaftaran beasiswa." });

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal("104857600000001_130068550371568", published.RemotePostId);
        Assert.Equal(new Uri("https://www.facebook.com/104857600000001/posts/130068550371568"), published.Permalink);
    }

    [Fact]
    public async Task A_published_photo_is_the_post_named_by_post_id_not_the_photo_id()
    {
        meta.Platform
            .On(HttpMethod.Post, $"/{MetaReplay.PageId}/photos$", "facebook-photo-published")
            .On(HttpMethod.Get, "/104857600000001_130068550371570$", "facebook-post-permalink");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Foto kegiatan.", Media = [TestAdapters.Photo()] });

        Assert.Equal("104857600000001_130068550371570", Assert.IsType<PublishOutcome.Published>(outcome).RemotePostId);
    }

    [Fact]
    public async Task The_documented_sample_error_190_460_asks_for_reauthorisation_and_keeps_the_trace_id()
    {
        meta.Platform.On(HttpMethod.Post, "/feed$", "graph-error-190-460");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pengumuman." });

        var reauthorise = Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
        Assert.Contains("190/460", reauthorise.Reason, StringComparison.Ordinal);
        Assert.Contains("EJplcsCHuLu", reauthorise.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_post_error_506_is_unknown_so_the_broker_looks_for_the_post_before_posting_again()
    {
        meta.Platform.On(HttpMethod.Post, "/feed$", "graph-error-506-duplicate");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pengumuman." });

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task A_server_fault_on_the_publishing_call_is_unknown_even_when_flagged_transient()
    {
        meta.Platform.On(HttpMethod.Post, "/feed$", "graph-error-2-service");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pengumuman." });

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Single(meta.Platform.RequestsTo("/feed$"));
    }

    [Fact]
    public async Task Page_throttling_80001_waits_the_estimated_time_to_regain_access_of_the_usage_header()
    {
        meta.Platform.On(HttpMethod.Post, "/feed$", "graph-error-80001-page-throttled");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pengumuman." });

        Assert.Equal(meta.Time.GetUtcNow() + TimeSpan.FromMinutes(19), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task App_throttling_4_with_usage_at_100_percent_waits_the_configured_time()
    {
        meta.Platform.On(HttpMethod.Post, "/feed$", "graph-error-4-app-throttled");

        var outcome = await meta.PublishAsync("facebook", new RenderedPost { Text = "Pengumuman." });

        Assert.True(Assert.IsType<PublishOutcome.RateLimited>(outcome).Until > meta.Time.GetUtcNow());
    }
}
