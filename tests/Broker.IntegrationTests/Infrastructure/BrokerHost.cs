using System.Net;
using System.Net.Sockets;
using Broker.Hosting;
using Broker.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>
/// The real broker on Kestrel at a loopback port, with a LiteDB file and key ring in its own temporary folder, its
/// platforms pointed at a sandbox on loopback. Restart keeps the folder, as a real restart keeps the disk.
/// </summary>
public sealed class BrokerHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings;
    private readonly TimeProvider? time;
    private readonly Action<IServiceCollection>? services;
    private WebApplication? app;

    private BrokerHost(string folder, Dictionary<string, string?> settings, TimeProvider? time, Action<IServiceCollection>? services)
    {
        Folder = folder;
        this.settings = settings;
        this.time = time;
        this.services = services;
    }

    /// <summary>The first editor's token (<c>BROKER_ADMIN_TOKEN</c>), which <see cref="Client"/> sends.</summary>
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "broker.db");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every log line the broker wrote, across restarts.</summary>
    public LogCapture Logs { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public static async Task<BrokerHost> StartAsync(
        RunningSandbox sandbox,
        TimeProvider? time = null,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "broker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = sandbox.BrokerSettings();
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Storage:DatabasePath"] = Path.Combine(folder, "broker.db");
        settings["DataProtection:KeysPath"] = Path.Combine(folder, "keys");
        settings["Adapters:PluginsFolder"] = "";
        settings["Delivery:FirstRetryDelay"] = "00:00:00.200";
        settings["Feeds:RequireHttps"] = "false"; // the test feeds are served over http on loopback (Feeds/FeedServer.cs)
        settings["Feeds:AllowedNetworks:0"] = "127.0.0.1/32";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Engagement:Enabled"] = "false"; // reading metrics back calls the sandbox in the background; the tests that want it turn it on
        settings["BROKER_ADMIN_TOKEN"] = AdminToken;
#if ON_POSTGRESQL
        // The same tests on PostgreSQL (tests/Broker.IntegrationTests.PostgreSql): a fresh database per host. Not with
        // a fake clock: Quartz's ADO.NET store picks due triggers partly by the real clock, so a test that moves its
        // clock hours ahead waits minutes for a wake-up there; those tests stay on LiteDB in this run too.
        if (time is null)
        {
            settings["Storage:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Broker"] = await PostgresServer.CreateDatabaseAsync("it");
            settings["Cluster:IdleWaitTime"] = "00:00:01";
        }
#endif
        configure?.Invoke(settings);
        var host = new BrokerHost(folder, settings, time, services);
        await host.StartAppAsync();
        return host;
    }

    /// <summary>Builds the app as <see cref="BrokerApp"/> does, without starting it (for start-up failure tests).</summary>
    public static WebApplication Build(Dictionary<string, string?> settings) =>
        BrokerApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    public async Task StopAsync()
    {
        if (app is not null)
        {
            Client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAppAsync()
    {
        app = BrokerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddProvider(Logs);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            services?.Invoke(builder.Services); // before the broker's own registrations, which win where both register
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
        Client = ClientWith(AdminToken);
    }

    /// <summary>
    /// Everything the broker stored, as text: the files of its folder (the LiteDB file, its log and journal; not the key
    /// ring) and, on PostgreSQL, every row of every table of its database.
    /// </summary>
    public async Task<string> StoredTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("keys", StringComparison.Ordinal)))
        {
            text.Append(System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file))).Append('\n');
        }

        if (settings.GetValueOrDefault("Storage:Provider") == "PostgreSql")
        {
            await using var connection = new Npgsql.NpgsqlConnection(settings["ConnectionStrings:Broker"]);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var rows = new Npgsql.NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
                text.Append((string)(await rows.ExecuteScalarAsync())!).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A client that sends the given bearer token (none when null). Redirects are answers to check, not to follow.</summary>
    public HttpClient ClientWith(string? token)
    {
        // Redirects are not followed: tests look at the broker's own 302s (share links).
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// A client without a token whose connections come from <paramref name="source"/> (any 127.0.0.0/8 address on
    /// Linux), so the broker sees another visitor's address.
    /// </summary>
    public HttpClient ClientFrom(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }
}
