using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Broker.Testing.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>
/// Both Meta adapters registered as the broker registers them (default hosts, graph.facebook.com), their HTTP answered
/// by a <see cref="ReplayHandler"/> playing the platforms' documented example responses: no sandbox, no network.
/// </summary>
internal sealed class MetaReplay : IAsyncDisposable
{
    public const string PageId = "104857600000001";
    public const string InstagramUserId = "17841400000000001";

    private readonly ServiceProvider services;

    public MetaReplay()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:Facebook:Http:FirstBackoff"] = "00:00:00.001",
            ["Platforms:Instagram:Http:FirstBackoff"] = "00:00:00.001",
            ["Platforms:Instagram:FirstPollDelay"] = "00:00:05",
            ["Platforms:Instagram:MaxStatusPolls"] = "3",
        }).Build();
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddLogging()
            .AddFacebookAdapter(configuration)
            .AddInstagramAdapter(configuration)
            .ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => Platform))
            .BuildServiceProvider();
    }

    public ReplayHandler Platform { get; } = new();

    public SteppingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public IChannelAdapter Adapter(string platform) =>
        services.GetServices<IChannelAdapter>().Single(adapter => adapter.Platform == platform);

    /// <summary>Publishes <paramref name="post"/> on <paramref name="platform"/>, moving the clock through every wait.</summary>
    public Task<PublishOutcome> PublishAsync(string platform, RenderedPost post, MemoryProgress? progress = null) =>
        Time.RunAsync(() => Adapter(platform).PublishAsync(Request(platform, post, progress ?? new MemoryProgress()), CancellationToken.None));

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private PublishRequest Request(string platform, RenderedPost post, MemoryProgress progress) => new()
    {
        DeliveryId = "delivery-documented",
        Attempt = 1,
        FirstAttemptAt = Time.GetUtcNow(),
        Account = new ChannelAccount
        {
            Id = platform + "-account",
            ExternalId = platform == "facebook" ? PageId : InstagramUserId,
            Credentials = new Dictionary<string, string> { ["accessToken"] = "documented-token" },
            SaveCredentialsAsync = (_, _) => Task.CompletedTask,
        },
        Post = post,
        Progress = progress,
    };
}
