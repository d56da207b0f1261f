using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Instagram;

/// <summary>
/// The Instagram adapter against the Instagram Platform's documented example responses (files under <c>Documented/</c>,
/// each naming its page): container creation, each <c>status_code</c>, <c>media_publish</c>, the publishing limit and the
/// documented error rows.
/// </summary>
public sealed class InstagramDocumentedResponseTests : IAsyncLifetime
{
    private const string Container = "/17889455560051444$";

    private readonly MetaReplay meta = new();

    private static RenderedPost Post => new() { Text = "Festival kuliner #kotakita", Media = [TestAdapters.Photo()] };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await meta.DisposeAsync();

    [Fact]
    public async Task A_finished_container_is_published_and_the_media_id_and_permalink_are_what_the_documentation_gives()
    {
        Documented("instagram-container-finished");

        var outcome = await meta.PublishAsync("instagram", Post);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(("17920238422030506", new Uri("https://www.instagram.com/p/C0dEfGhIjKl/")), (published.RemotePostId, published.Permalink));
        Assert.Contains("creation_id=17889455560051444", Assert.Single(meta.Platform.RequestsTo("/media_publish$")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_container_in_progress_is_read_again_on_the_moving_clock_until_finished()
    {
        Documented("instagram-container-in-progress", "instagram-container-finished");

        var outcome = await meta.PublishAsync("instagram", Post);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(2, meta.Platform.RequestsTo(Container).Count);
        Assert.Equal(1, meta.Time.StepsTaken);
    }

    [Theory]
    [InlineData("instagram-container-error")]
    [InlineData("instagram-container-expired")]
    public async Task A_container_in_error_or_expired_ends_the_attempt_as_transient_and_is_forgotten_for_a_new_one(string status)
    {
        var progress = new MemoryProgress();
        Documented(status);

        var outcome = await meta.PublishAsync("instagram", Post, progress);

        Assert.IsType<PublishOutcome.Transient>(outcome);
        Assert.True(string.IsNullOrEmpty(progress.Get("instagram.container")), "the container is forgotten");
        Assert.Empty(meta.Platform.RequestsTo("/media_publish$"));
    }

    [Fact]
    public async Task A_saved_container_that_reads_published_is_not_published_again()
    {
        var progress = new MemoryProgress();
        await progress.SetAsync("instagram.container", "17889455560051444", CancellationToken.None);
        await progress.SetAsync("instagram.media", "17920238422030506", CancellationToken.None);
        Documented("instagram-container-published");

        var outcome = await meta.PublishAsync("instagram", Post, progress);

        Assert.Equal("17920238422030506", Assert.IsType<PublishOutcome.Published>(outcome).RemotePostId);
        Assert.Empty(meta.Platform.RequestsTo("/media_publish$"));
        Assert.Empty(meta.Platform.RequestsTo($"/{MetaReplay.InstagramUserId}/media$"));
    }

    [Fact]
    public async Task The_daily_publishing_limit_2207042_waits_instead_of_failing()
    {
        meta.Platform
            .On(HttpMethod.Get, "/content_publishing_limit$", "instagram-publishing-limit")
            .On(HttpMethod.Post, $"/{MetaReplay.InstagramUserId}/media$", "instagram-container-created")
            .On(HttpMethod.Get, Container, "instagram-container-finished")
            .On(HttpMethod.Post, "/media_publish$", "instagram-error-2207042-limit");

        var outcome = await meta.PublishAsync("instagram", Post);

        Assert.True(Assert.IsType<PublishOutcome.RateLimited>(outcome).Until > meta.Time.GetUtcNow());
    }

    [Fact]
    public async Task An_instagram_server_error_2207001_on_container_creation_is_retried_later()
    {
        meta.Platform
            .On(HttpMethod.Get, "/content_publishing_limit$", "instagram-publishing-limit")
            .On(HttpMethod.Post, $"/{MetaReplay.InstagramUserId}/media$", "instagram-error-2207001-server");

        var outcome = await meta.PublishAsync("instagram", Post);

        Assert.IsType<PublishOutcome.Transient>(outcome);
    }

    private void Documented(params string[] statuses) => meta.Platform
        .On(HttpMethod.Get, "/content_publishing_limit$", "instagram-publishing-limit")
        .On(HttpMethod.Post, $"/{MetaReplay.InstagramUserId}/media$", "instagram-container-created")
        .On(HttpMethod.Get, Container, statuses)
        .On(HttpMethod.Post, "/media_publish$", "instagram-media-published")
        .On(HttpMethod.Get, "/17920238422030506$", "instagram-media-permalink");
}
