using Broker.Adapters.Meta.Tests.Infrastructure;
using Broker.Sandbox.Faults;

namespace Broker.Adapters.Meta.Tests.Instagram;

/// <summary>The Instagram adapter against the sandbox over real HTTP, on the moving clock.</summary>
public sealed class InstagramContractTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync(configureSandbox: options => options.InstagramPublishQuota = 2);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Theory]
    [InlineData("instagram")]
    [InlineData("graph")]
    public async Task Publishing_one_photo_creates_a_container_and_publishes_it_on_either_host(string host)
    {
        await using var other = await MetaHarness.StartAsync(instagramHost: host);
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Festival kuliner #kotakita", Media = [other.Photos.Photo("festival", 1080, 1350)] };

        var outcome = await other.Time.RunAsync(() => other.Instagram.PublishAsync(other.Request("instagram", post, progress), CancellationToken.None));

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(other.Sandbox.State.Posts("instagram"));
        Assert.Equal((stored.Id, "IMAGE", post.Text), (published.RemotePostId, stored.Kind, stored.Text));
        Assert.Equal(new Uri(stored.Permalink), published.Permalink);
        Assert.Equal(stored.MediaIds[0], progress.Get("instagram.container"));
    }

    [Fact]
    public async Task Publishing_three_photos_makes_one_carousel()
    {
        var post = new RenderedPost { Text = "Galeri pelantikan.", Media = [harness.Photos.Photo("a"), harness.Photos.Photo("b"), harness.Photos.Photo("c")] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post), CancellationToken.None));

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("instagram"));
        Assert.Equal((published.RemotePostId, "CAROUSEL_ALBUM", 3), (stored.Id, stored.Kind, stored.MediaCount));
    }

    [Fact]
    public async Task A_container_in_progress_is_polled_on_the_moving_clock_until_it_is_finished()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("instagram", "media", FaultKinds.ContainerInProgress, Polls: 3));
        var post = new RenderedPost { Text = "Kerja bakti.", Media = [harness.Photos.Photo("kerja")] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post), CancellationToken.None));

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(3, harness.Time.StepsTaken);
        Assert.Equal(4, harness.Sandbox.State.RequestsFor("instagram").Count(r => r.Endpoint == "container_status"));
    }

    [Fact]
    public async Task A_container_still_in_progress_after_the_last_poll_is_transient_and_kept_for_the_next_attempt()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("instagram", "media", FaultKinds.ContainerInProgress, Polls: 50));
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Video panjang.", Media = [harness.Photos.Photo("lama")] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));

        Assert.NotNull(Assert.IsType<PublishOutcome.Transient>(outcome).RetryAt);
        Assert.NotNull(progress.Get("instagram.container"));
        Assert.Empty(harness.Sandbox.State.Posts("instagram"));
    }

    [Fact]
    public async Task A_used_up_quota_is_rate_limited_for_the_configured_wait_without_creating_a_container()
    {
        for (var i = 0; i < 2; i++)
        {
            var earlier = new RenderedPost { Text = $"Berita {i}.", Media = [harness.Photos.Photo($"b{i}")] };
            await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", earlier), CancellationToken.None));
        }

        var post = new RenderedPost { Text = "Berita ketiga.", Media = [harness.Photos.Photo("c")] };
        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post), CancellationToken.None));

        Assert.Equal(harness.Time.GetUtcNow().AddHours(1), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("instagram").Count(r => r.Endpoint == "media"));
    }

    [Fact]
    public async Task Resuming_from_a_saved_finished_container_publishes_it_without_creating_another()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("instagram", "media_publish", FaultKinds.Transient));
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Sosialisasi pajak.", Media = [harness.Photos.Photo("pajak")] };

        var first = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));
        var second = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));

        Assert.IsType<PublishOutcome.Transient>(first);
        Assert.IsType<PublishOutcome.Published>(second);
        Assert.Equal(1, harness.Sandbox.State.RequestsFor("instagram").Count(r => r.Endpoint == "media"));
    }

    [Fact]
    public async Task A_publish_timeout_is_unknown_reconciliation_finds_the_post_and_a_retry_does_not_post_twice()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("instagram", "media_publish", FaultKinds.TimeoutAfterStore, DelayMs: 10_000));
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Pelayanan KTP\n\nhari Sabtu.", Media = [harness.Photos.Photo("ktp")] };
        var request = harness.Request("instagram", post, progress);

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(request, CancellationToken.None));
        var found = await harness.Instagram.FindPublishedAsync(request, CancellationToken.None);
        var retried = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(request, CancellationToken.None));

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var stored = Assert.Single(harness.Sandbox.State.Posts("instagram"));
        Assert.Equal(stored.Id, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
        Assert.Equal(stored.Id, Assert.IsType<PublishOutcome.Published>(retried).RemotePostId);
    }

    [Fact]
    public async Task A_container_error_with_a_transient_subcode_is_forgotten_and_the_next_attempt_creates_a_new_one()
    {
        harness.Sandbox.State.AddFault(new SandboxFault("instagram", "media", FaultKinds.ContainerError, Status: "2207001"));
        var progress = new MemoryProgress();
        var post = new RenderedPost { Text = "Donor darah.", Media = [harness.Photos.Photo("donor")] };

        var first = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));
        Assert.Equal(string.Empty, progress.Get("instagram.container"));
        var second = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));

        Assert.IsType<PublishOutcome.Transient>(first);
        Assert.IsType<PublishOutcome.Published>(second);
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("instagram").Count(r => r.Endpoint == "media"));
    }

    [Fact]
    public async Task A_revoked_token_needs_reauthorization()
    {
        harness.Sandbox.State.RevokeToken("instagram", MetaHarness.Token);
        var post = new RenderedPost { Text = "Pengumuman.", Media = [harness.Photos.Photo("p")] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post), CancellationToken.None));

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
    }

    [Fact]
    public async Task Reconciliation_finds_nothing_when_no_post_was_made()
    {
        var post = new RenderedPost { Text = "Belum terbit.", Media = [harness.Photos.Photo("x")] };

        var found = await harness.Instagram.FindPublishedAsync(harness.Request("instagram", post), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task A_photo_instagram_cannot_download_is_retried_once_and_then_fails()
    {
        var progress = new MemoryProgress();
        var missing = harness.Photos.Photo("hilang") with { PublicUrl = new Uri(harness.Photos.Photo("hilang").PublicUrl, "/nowhere/hilang.jpg") };
        var post = new RenderedPost { Text = "Foto hilang.", Media = [missing] };

        var first = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));
        var second = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(harness.Request("instagram", post, progress), CancellationToken.None));

        Assert.IsType<PublishOutcome.Transient>(first);
        Assert.IsType<PublishOutcome.Failed>(second);
    }
}
