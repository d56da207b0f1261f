using Broker.Adapters.Meta.Tests.Infrastructure;
using Broker.Sandbox.Faults;

namespace Broker.Adapters.Meta.Tests.Facebook;

/// <summary>The Facebook adapter against the sandbox's graph.facebook.com over real HTTP.</summary>
public sealed class FacebookContractTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Publishing_a_text_post_with_a_link_returns_the_post_and_its_permalink()
    {
        var link = new Uri("https://portal.example.go.id/berita/1");
        var post = new RenderedPost { Text = "Jalan Merdeka ditutup sementara.", Link = link };

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", post), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal((stored.Id, stored.Text, stored.Link), (published.RemotePostId, post.Text, link.AbsoluteUri));
        Assert.Equal(new Uri(stored.Permalink), published.Permalink);
    }

    [Fact]
    public async Task Publishing_one_photo_posts_it_with_the_text_as_caption()
    {
        var photo = harness.Photos.Photo("pasar");
        var post = new RenderedPost { Text = "Pasar rakyat dibuka.", Media = [photo] };

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", post), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal((published.RemotePostId, "photo", post.Text), (stored.Id, stored.Kind, stored.Text));
        Assert.Equal([photo.PublicUrl.AbsoluteUri], stored.MediaUrls);
        Assert.NotNull(published.Permalink);
    }

    [Fact]
    public async Task Publishing_three_photos_attaches_them_to_one_feed_post()
    {
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Galeri HUT kota.", Media = [harness.Photos.Photo("a"), harness.Photos.Photo("b"), harness.Photos.Photo("c")] };

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", post, progress), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("facebook"), p => p.Kind == "status");
        Assert.Equal(published.RemotePostId, stored.Id);
        Assert.Equal([progress.Get("facebook.photo.0")!, progress.Get("facebook.photo.1")!, progress.Get("facebook.photo.2")!], stored.MediaIds);
    }

    [Fact]
    public async Task A_retry_after_the_feed_call_failed_attaches_the_photos_already_uploaded()
    {
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Foto kegiatan posyandu.", Media = [harness.Photos.Photo("a"), harness.Photos.Photo("b")] };
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.RateLimit));

        var first = await harness.Facebook.PublishAsync(harness.Request("facebook", post, progress), CancellationToken.None);
        var second = await harness.Facebook.PublishAsync(harness.Request("facebook", post, progress), CancellationToken.None);

        Assert.IsType<PublishOutcome.RateLimited>(first);
        Assert.IsType<PublishOutcome.Published>(second);
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("facebook").Count(r => r.Endpoint == "photos"));
    }

    [Fact]
    public async Task A_revoked_token_needs_reauthorization()
    {
        harness.Sandbox.State.RevokeToken("facebook", MetaHarness.Token);

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", new RenderedPost { Text = "Pengumuman." }), CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
        Assert.Empty(harness.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task Throttling_is_rate_limited_until_the_time_the_usage_header_estimates()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.RateLimit, Minutes: 9));

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", new RenderedPost { Text = "Jadwal vaksinasi." }), CancellationToken.None);

        Assert.Equal(harness.Time.GetUtcNow().AddMinutes(9), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task A_timeout_after_the_post_was_stored_is_unknown_and_reconciliation_finds_the_post()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.TimeoutAfterStore, DelayMs: 10_000));
        var request = harness.Request("facebook", new RenderedPost { Text = "Rapat  paripurna\nDPRD hari ini." });

        var outcome = await harness.Facebook.PublishAsync(request, CancellationToken.None);
        var found = await harness.Facebook.FindPublishedAsync(request, CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal(stored.Id, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
    }

    [Fact]
    public async Task Reconciliation_finds_nothing_when_no_post_was_made()
    {
        await harness.Facebook.PublishAsync(harness.Request("facebook", new RenderedPost { Text = "Berita lain." }), CancellationToken.None);

        var found = await harness.Facebook.FindPublishedAsync(harness.Request("facebook", new RenderedPost { Text = "Berita ini." }), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task A_failed_permalink_read_still_counts_as_published()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "post", FaultKinds.Http500, Times: 10));
        var post = new RenderedPost { Text = "Lomba kebersihan.", Media = [harness.Photos.Photo("lomba")] };

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", post), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(new Uri($"https://www.facebook.com/{published.RemotePostId}"), published.Permalink);
    }

    [Fact]
    public async Task A_feed_post_takes_its_permalink_from_the_answer_without_reading_the_post_back()
    {
        // Reading a post fails throughout: the real permalink can only have come from the feed call's own answer.
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "post", FaultKinds.Http500, Times: 10));

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", new RenderedPost { Text = "Lomba kebersihan." }), CancellationToken.None);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("facebook"));
        Assert.Equal(new Uri(stored.Permalink), published.Permalink);
        Assert.NotEqual(new Uri($"https://www.facebook.com/{published.RemotePostId}"), published.Permalink);
    }

    [Fact]
    public async Task A_server_fault_answering_the_feed_call_is_unknown()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Http500));

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", new RenderedPost { Text = "Info banjir." }), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task A_connection_dropped_after_a_published_photo_was_stored_is_unknown()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("facebook", "photos", FaultKinds.DropAfterStore));
        var post = new RenderedPost { Text = "Peresmian taman.", Media = [harness.Photos.Photo("taman")] };

        var outcome = await harness.Facebook.PublishAsync(harness.Request("facebook", post), CancellationToken.None);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        Assert.Single(harness.Sandbox.State.Posts("facebook"));
    }
}
