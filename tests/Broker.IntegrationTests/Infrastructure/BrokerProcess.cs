using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>The broker as a separate operating-system process, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> errors = new();
    private Process? process;
    private string? lastHealth;

    public BrokerProcess(Dictionary<string, string> environment)
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        this.environment = new Dictionary<string, string>(environment)
        {
            ["Platforms__AllowLoopback"] = "true", // tests point the platforms at a sandbox on loopback
            ["Urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["BROKER_ADMIN_TOKEN"] = BrokerHost.AdminToken,
        };
        Client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", BrokerHost.AdminToken);
    }

    /// <summary>A broker keeping its data in <paramref name="folder"/> and publishing to Facebook on <paramref name="sandbox"/>; <paramref name="settings"/> adds to or replaces the defaults.</summary>
    public static BrokerProcess OnSandbox(string folder, Broker.Sandbox.RunningSandbox sandbox, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DatabasePath"] = Path.Combine(folder, "broker.db"),
            ["DataProtection__KeysPath"] = Path.Combine(folder, "keys"),
            ["Sandbox__Enabled"] = "false",
            ["Adapters__PluginsFolder"] = "",
            ["Platforms__Facebook__BaseUrl"] = sandbox.GraphBaseUrl.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return new BrokerProcess(environment);
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>What the process wrote to its standard output, line by line.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Starts the process and waits until it answers /health.</summary>
    public async Task StartAsync()
    {
        Start();
        try
        {
            await Eventually.WaitAsync(IsHealthyAsync, healthy => healthy, "the broker process to answer /health", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException ex)
        {
            // What the broker said and logged last tells why it did not become healthy.
            throw new TimeoutException($"{ex.Message}; /health said: {lastHealth}; last lines of its output:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(30))}", ex);
        }
    }

    /// <summary>Starts the process without waiting for it to answer, for a test that kills it while it is still starting.</summary>
    public void Start()
    {
        var info = new ProcessStartInfo("dotnet", [BrokerDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info)!;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 200)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Creates the OPD <c>diskominfo</c> and <paramref name="count"/> Facebook Pages of it, with ids from <paramref name="firstExternalId"/> on.</summary>
    public async Task<List<string>> CreateFacebookPagesAsync(int count, long firstExternalId)
    {
        await Client.PostExpectAsync("/api/opds", new { code = "diskominfo", name = "Diskominfo" }, 201);
        var pages = new List<string>();
        for (var p = 0; p < count; p++)
        {
            var account = await Client.PostExpectAsync(
                "/api/accounts",
                new { opd = "diskominfo", platform = "facebook", name = $"Page {p}", externalId = $"{firstExternalId + p}", credentials = new { accessToken = $"token-{p}" } },
                201);
            pages.Add(account.Str("id"));
        }

        return pages;
    }

    /// <summary>Runs a command of the broker's executable (<c>dotnet Broker.dll migrate ...</c>) to its end: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [BrokerDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var command = Process.Start(info)!;
        var output = command.StandardOutput.ReadToEndAsync();
        var error = command.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await command.WaitForExitAsync(timeout.Token);
        return (command.ExitCode, await output + await error);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Client.Dispose();
    }

    private async Task<bool> IsHealthyAsync()
    {
        if (process is { HasExited: true })
        {
            throw new InvalidOperationException($"The broker process exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        try
        {
            using var answer = await Client.GetAsync("/health");
            lastHealth = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
            return answer.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // The broker's own build output: tests/Broker.IntegrationTests/bin/{Configuration}/net10.0 → src/Broker/bin/{Configuration}/net10.0.
    private static string BrokerDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "Broker", "bin", configuration, framework, "Broker.dll");
    }

    /// <summary>
    /// A loopback port free now, below the kernel's ephemeral range, and never handed out before in this process. A test
    /// restarts a killed broker on its port; a port from the ephemeral range (where port 0 binds) can meanwhile become the
    /// source port of any outgoing connection of the suite, and the restart then fails with "address already in use"
    /// (CI, MultiNodeKillTests on port 38889).
    /// </summary>
    private static int FreePort()
    {
        lock (Handed)
        {
            var below = EphemeralStart();
            for (var tries = 0; below > 12_000 && tries < 1_000; tries++)
            {
                var port = Random.Shared.Next(10_000, below);
                if (!Handed.Add(port))
                {
                    continue;
                }

                try
                {
                    using var candidate = new TcpListener(IPAddress.Loopback, port);
                    candidate.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // In use by something else: another one.
                }
            }

            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private static readonly HashSet<int> Handed = [];

    // The first port of the range outgoing connections take (Linux: /proc/sys/net/ipv4/ip_local_port_range, 32768 by default).
    private static int EphemeralStart()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
