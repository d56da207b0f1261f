using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>The broker as a separate operating-system process, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private Process? process;

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

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public async Task StartAsync()
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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.WaitAsync(IsHealthyAsync, healthy => healthy, "the broker process to answer /health", TimeSpan.FromSeconds(60));
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
            throw new InvalidOperationException($"The broker process exited with code {process.ExitCode}.");
        }

        try
        {
            return (await Client.GetAsync("/health")).IsSuccessStatusCode;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
