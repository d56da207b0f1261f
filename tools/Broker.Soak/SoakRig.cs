using Broker.Hosting;
using Broker.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Soak;

/// <summary>
/// The sandbox and the broker in this process, each on its own loopback port, the broker's data in a temporary folder.
/// Waits are shortened (retries, rate limits, the break of an account's circuit) so a run of minutes sees many of them;
/// the sandbox's own quotas are raised so only the injected faults limit the accounts.
/// </summary>
internal sealed class SoakRig : IAsyncDisposable
{
    private readonly string folder;

    private SoakRig(RunningSandbox sandbox, WebApplication broker, string folder)
    {
        Sandbox = sandbox;
        Broker = broker;
        this.folder = folder;
        var address = broker.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        Api = new SoakApi(http);
    }

    public RunningSandbox Sandbox { get; }

    public WebApplication Broker { get; }

    public SoakApi Api { get; }

    /// <summary>The first editor's token (BROKER_ADMIN_TOKEN) of the soak's own broker.</summary>
    private static string AdminToken { get; } = global::Broker.Access.AccessTokens.Create();

    /// <summary>The request timeout of the adapters; injected slow answers are held back longer than this.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(2);

    public static async Task<SoakRig> StartAsync(CancellationToken cancellationToken)
    {
        var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions
            {
                InstagramPublishQuota = 1_000_000,
                InstagramContainersPerWindow = 1_000_000,
                FacebookCallsPerHour = 10_000_000,
                XTweetsPerWindow = 1_000_000,
                XOtherRequestsPerWindow = 1_000_000,
                XUserTweetsPer24Hours = 1_000_000,
            },
            cancellationToken);
        sandbox.State.LatencyMilliseconds = 10;
        var folder = Directory.CreateTempSubdirectory("broker-soak-").FullName;
        var broker = BrokerApp.Build([], builder => builder.Configuration.AddInMemoryCollection(Settings(sandbox, folder)));
        await broker.StartAsync(cancellationToken);
        return new SoakRig(sandbox, broker, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Broker.StopAsync();
        await Broker.DisposeAsync();
        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static Dictionary<string, string?> Settings(RunningSandbox sandbox, string folder)
    {
        var timeout = RequestTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var settings = sandbox.BrokerSettings();
        settings["Urls"] = "http://127.0.0.1:0";
        settings["BROKER_ADMIN_TOKEN"] = AdminToken;
        settings["Access:RequestsPerMinute"] = "1000000";
        settings["Storage:DatabasePath"] = Path.Combine(folder, "broker.db");
        settings["DataProtection:KeysPath"] = Path.Combine(folder, "keys");
        settings["Adapters:PluginsFolder"] = "";
        settings["Platforms:Instagram:QuotaWait"] = "00:00:03";
        settings["Platforms:Instagram:FirstPollDelay"] = "00:00:00.100";
        settings["Platforms:Instagram:MaxPollDelay"] = "00:00:00.500";
        settings["Delivery:FirstRetryDelay"] = "00:00:01";
        settings["Delivery:MaxRetryDelay"] = "00:00:05";
        settings["Delivery:MaxAttempts"] = "8";
        settings["Delivery:MaxConcurrency"] = "16";
        settings["Delivery:CircuitBreaker:FailureThreshold"] = "5";
        settings["Delivery:CircuitBreaker:BreakDuration"] = "00:00:05";
        settings["Logging:LogLevel:Default"] = "Error";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Error";
        foreach (var platform in new[] { "Facebook", "Instagram", "X" })
        {
            settings[$"Platforms:{platform}:RateLimitWait"] = "00:00:03";
            settings[$"Platforms:{platform}:Http:RequestTimeout"] = timeout;
        }

        return settings;
    }
}
