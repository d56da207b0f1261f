using Broker.Testing.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Adapters.X.Tests.Contract;

/// <summary>
/// The X adapter against X API v2's documented example responses (files under <c>Documented/</c>, each naming its page),
/// played by a <see cref="ReplayHandler"/> instead of our sandbox, which shares our reading of the documentation.
/// </summary>
public sealed class XDocumentedResponseTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly ReplayHandler x = new();
    private readonly ServiceProvider services;

    public XDocumentedResponseTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:X:ClientId"] = "documented-client",
            ["Platforms:X:Http:FirstBackoff"] = "00:00:00.001",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddXAdapter(configuration)
            .ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => x))
            .BuildServiceProvider();
    }

    private IChannelAdapter Adapter => services.GetRequiredService<IChannelAdapter>();

    [Fact]
    public async Task A_post_answered_201_is_published_with_the_documented_id_and_its_permalink()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-post-created");

        var outcome = await PublishAsync("Are you excited for the weekend?");

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal("1445880548472328192", published.RemotePostId);
        Assert.Equal(new Uri("https://x.com/i/web/status/1445880548472328192"), published.Permalink);
    }

    [Fact]
    public async Task A_photo_uploaded_through_the_v2_media_endpoint_is_attached_by_the_documented_media_id()
    {
        x.On(HttpMethod.Post, "^/2/media/upload$", "x-media-uploaded").On(HttpMethod.Post, "^/2/tweets$", "x-post-created");

        var outcome = await PublishAsync("Foto kegiatan", [XRequests.Photo("p1", new byte[1024])]);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Contains("\"media_ids\":[\"1880028106020515840\"]", Assert.Single(x.RequestsTo("^/2/tweets$")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_waits_until_the_x_rate_limit_reset_header_since_x_sends_no_retry_after()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-rate-limited");

        var outcome = await PublishAsync("Pengumuman");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795431600), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task A_429_with_the_24_hour_user_limit_spent_waits_for_that_window_not_the_15_minute_one()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-daily-cap");

        var outcome = await PublishAsync("Pengumuman");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795500000), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task A_usage_capped_429_stops_for_an_operator_instead_of_waiting()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-usage-capped");

        var outcome = await PublishAsync("Pengumuman");

        Assert.Contains("operator", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_duplicate_content_is_unknown_so_the_broker_looks_for_the_earlier_post()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-duplicate");

        var outcome = await PublishAsync("Pengumuman");

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task A_401_asks_for_the_account_to_be_reconnected()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-unauthorized");

        var outcome = await PublishAsync("Pengumuman");

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
    }

    [Fact]
    public async Task A_client_forbidden_403_fails_and_says_the_app_needs_a_project()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-client-forbidden");

        var outcome = await PublishAsync("Pengumuman");

        Assert.Contains("Project", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_request_400_fails_and_keeps_what_x_said_of_the_field()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-invalid-request");

        var outcome = await PublishAsync("Pengumuman");

        Assert.Contains("The `text` field is too long.", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_to_the_post_is_retried_later_and_not_repeated_at_once()
    {
        x.On(HttpMethod.Post, "^/2/tweets$", "x-service-unavailable");

        var outcome = await PublishAsync("Pengumuman");

        Assert.IsType<PublishOutcome.Transient>(outcome);
        Assert.Single(x.RequestsTo("^/2/tweets$"));
    }

    [Fact]
    public async Task Public_metrics_are_read_under_the_names_the_documentation_gives()
    {
        x.On(HttpMethod.Get, "^/2/tweets/1445880548472328192$", "x-post-metrics");
        var reader = Assert.IsAssignableFrom<IPostMetricsReader>(Adapter);

        var outcome = await reader.ReadMetricsAsync(XRequests.Account(XRequests.OAuth1Credentials()), "1445880548472328192", CancellationToken.None);

        var metrics = Assert.IsType<ReadOutcome.Metrics>(outcome).Read.Values;
        Assert.Equal(
            new Dictionary<string, long> { ["retweet_count"] = 4, ["reply_count"] = 2, ["like_count"] = 31, ["quote_count"] = 1, ["bookmark_count"] = 3, ["impression_count"] = 1280 },
            metrics.ToDictionary());
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    private Task<PublishOutcome> PublishAsync(string text, IReadOnlyList<MediaFile>? media = null) =>
        Adapter.PublishAsync(XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), text, media), CancellationToken.None);
}
