using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Broker.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>
/// The sandbox and a photo server on loopback, and both adapters registered the way the broker registers them,
/// pointed at the sandbox and sharing one stepping clock with it.
/// </summary>
internal sealed class MetaHarness : IAsyncDisposable
{
    public const string PageId = "104857600000001";
    public const string InstagramUserId = "17841400000000001";
    public const string Token = "sandbox-token";

    private readonly ServiceProvider services;

    private MetaHarness(RunningSandbox sandbox, PhotoServer photos, SteppingTimeProvider time, ServiceProvider services)
    {
        Sandbox = sandbox;
        Photos = photos;
        Time = time;
        this.services = services;
    }

    public RunningSandbox Sandbox { get; }

    public PhotoServer Photos { get; }

    public SteppingTimeProvider Time { get; }

    public IChannelAdapter Facebook => Adapter("facebook");

    public IChannelAdapter Instagram => Adapter("instagram");

    /// <summary>Starts everything; <paramref name="instagramHost"/> picks graph.facebook.com ("graph") or graph.instagram.com ("instagram").</summary>
    public static async Task<MetaHarness> StartAsync(string instagramHost = "instagram", Action<SandboxOptions>? configureSandbox = null)
    {
        var time = new SteppingTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var sandboxOptions = new SandboxOptions { TimeProvider = time };
        configureSandbox?.Invoke(sandboxOptions);
        var sandbox = await SandboxServer.StartAsync(sandboxOptions, CancellationToken.None);
        var photos = await PhotoServer.StartAsync(CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(sandbox, instagramHost)).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddLogging()
            .AddFacebookAdapter(configuration)
            .AddInstagramAdapter(configuration)
            .BuildServiceProvider();
        return new MetaHarness(sandbox, photos, time, services);
    }

    /// <summary>The login (account connector) of <paramref name="platform"/>.</summary>
    public IAccountConnector Connector(string platform) =>
        services.GetServices<IAccountConnector>().Single(connector => connector.Platform == platform);

    public IChannelAdapter Adapter(string platform) =>
        services.GetServices<IChannelAdapter>().Single(adapter => adapter.Platform == platform);

    public PublishRequest Request(string platform, RenderedPost post, MemoryProgress? progress = null, string token = Token) => new()
    {
        DeliveryId = "delivery-" + Guid.NewGuid().ToString("N")[..8],
        Attempt = 1,
        FirstAttemptAt = Time.GetUtcNow(),
        Account = new ChannelAccount
        {
            Id = platform + "-account",
            ExternalId = platform == "facebook" ? PageId : InstagramUserId,
            Credentials = new Dictionary<string, string> { ["accessToken"] = token },
            SaveCredentialsAsync = (_, _) => Task.CompletedTask,
        },
        Post = post,
        Progress = progress ?? new MemoryProgress(),
    };

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Photos.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(RunningSandbox sandbox, string instagramHost) => new()
    {
        ["Platforms:Facebook:BaseUrl"] = sandbox.GraphBaseUrl.AbsoluteUri,
        ["Platforms:Facebook:Http:RequestTimeout"] = "00:00:02",
        ["Platforms:Facebook:Http:FirstBackoff"] = "00:00:00.010",
        ["Platforms:Instagram:BaseUrl"] = instagramHost == "graph" ? sandbox.GraphBaseUrl.AbsoluteUri : sandbox.InstagramBaseUrl.AbsoluteUri,
        ["Platforms:Instagram:Http:RequestTimeout"] = "00:00:02",
        ["Platforms:Instagram:Http:FirstBackoff"] = "00:00:00.010",
        ["Platforms:Instagram:FirstPollDelay"] = "00:00:05",
        ["Platforms:Instagram:MaxStatusPolls"] = "6",
        ["Platforms:Facebook:AppId"] = "sandbox-facebook-app",
        ["Platforms:Facebook:AppSecret"] = "sandbox-facebook-secret",
        ["Platforms:Facebook:LoginBaseUrl"] = sandbox.FacebookWebUrl.AbsoluteUri,
        ["Platforms:Instagram:AppId"] = "sandbox-instagram-app",
        ["Platforms:Instagram:AppSecret"] = "sandbox-instagram-secret",
        ["Platforms:Instagram:LoginBaseUrl"] = sandbox.InstagramWebUrl.AbsoluteUri,
        ["Platforms:Instagram:TokenBaseUrl"] = sandbox.InstagramApiUrl.AbsoluteUri,
        ["Platforms:Instagram:LoginGraphBaseUrl"] = sandbox.InstagramBaseUrl.AbsoluteUri,
    };
}
