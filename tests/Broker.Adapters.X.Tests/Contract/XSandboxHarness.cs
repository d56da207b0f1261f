using System.Net.Http.Json;
using System.Text.Json;
using Broker.Adapters.X.Auth;
using Broker.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Adapters.X.Tests.Contract;

/// <summary>A sandbox on loopback plus the X adapter registered the way the host registers it, pointed at the sandbox.</summary>
internal sealed class XSandboxHarness : IAsyncDisposable
{
    private readonly RunningSandbox sandbox;
    private readonly ServiceProvider services;

    private XSandboxHarness(RunningSandbox sandbox, ServiceProvider services, FakeTimeProvider time)
    {
        this.sandbox = sandbox;
        this.services = services;
        Time = time;
        Control = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl.ToString().TrimEnd('/') + "/") };
    }

    public FakeTimeProvider Time { get; }

    public Broker.Sandbox.State.SandboxState State => sandbox.State;

    public HttpClient Control { get; }

    public IChannelAdapter Adapter => services.GetRequiredService<IChannelAdapter>();

    public XOAuth2Client OAuth2 => services.GetRequiredService<XOAuth2Client>();

    public IAccountConnector Connector => services.GetRequiredService<IAccountConnector>();

    /// <summary>Stand-in for https://x.com/i/oauth2/authorize.</summary>
    public Uri AuthorizeUrl => new(sandbox.XWebUrl.AbsoluteUri + "/oauth2/authorize");

    public static async Task<XSandboxHarness> StartAsync(Dictionary<string, string?>? settings = null, Action<SandboxOptions>? configureSandbox = null)
    {
        var sandboxOptions = new SandboxOptions();
        configureSandbox?.Invoke(sandboxOptions);
        var sandbox = await SandboxServer.StartAsync(sandboxOptions, CancellationToken.None);
        var config = new Dictionary<string, string?>
        {
            ["Platforms:X:BaseUrl"] = sandbox.XBaseUrl.ToString(),
            ["Platforms:X:Http:FirstBackoff"] = "00:00:00.010",
            ["Platforms:X:ClientId"] = "sandbox-x-client",
            ["Platforms:X:AuthorizeUrl"] = sandbox.XWebUrl.AbsoluteUri + "/oauth2/authorize",
        };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddXAdapter(new ConfigurationBuilder().AddInMemoryCollection(config).Build())
            .BuildServiceProvider();
        return new XSandboxHarness(sandbox, services, time);
    }

    public async Task<JsonElement[]> PostsAsync()
    {
        var posts = await Control.GetFromJsonAsync<JsonElement[]>("_sandbox/posts?platform=x");
        return posts ?? [];
    }

    public async Task ControlAsync(string path, object body)
    {
        using var response = await Control.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public async Task<byte[]> ImageAsync(string name, long bytes = 0) =>
        await Control.GetByteArrayAsync($"_sandbox/images/{name}{(bytes > 0 ? $"?bytes={bytes}" : string.Empty)}");

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await services.DisposeAsync();
        await sandbox.DisposeAsync();
    }
}
