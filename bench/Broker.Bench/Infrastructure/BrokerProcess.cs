using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// The broker as its own operating-system process, started from its Release build output with the shipped settings
/// (Information logging, default concurrency) except where a scenario says otherwise. Its CPU time and peak resident set
/// are read from /proc, so they are the broker's alone, not the load generator's or the sandbox's.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly ConcurrentQueue<(long At, string Line)> watched = new();
    private readonly ConcurrentQueue<string> tail = new();
    private Process? process;

    public BrokerProcess(ScratchFolder folder, Uri graphBaseUrl, IReadOnlyDictionary<string, string>? settings = null)
    {
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        environment = new Dictionary<string, string>
        {
            ["Urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["Storage__DatabasePath"] = folder.Database,
            ["DataProtection__KeysPath"] = folder.Keys,
            ["Sandbox__Enabled"] = "false",
            ["DOTNET_GCgen0size"] = "0x1000000", // as `dotnet run` and the systemd unit run it (README, "Memory")
            ["Platforms__AllowLoopback"] = "true", // the platforms are a sandbox on loopback
            ["Adapters__PluginsFolder"] = "",
            ["Platforms__Facebook__BaseUrl"] = graphBaseUrl.ToString(),
            ["BROKER_ADMIN_TOKEN"] = AdminToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        Client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    /// <summary>The first editor's token of every benchmark broker (each starts on an empty user list).</summary>
    public static string AdminToken { get; } = global::Broker.Access.AccessTokens.Create();

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>When the last start began (a <see cref="Clock.Timestamp"/>).</summary>
    public long StartedAt { get; private set; }

    public int? ProcessId => process?.Id;

    /// <summary>Starts the process and returns at once; see <see cref="WaitUntilServingAsync"/>.</summary>
    public void Start()
    {
        var info = new ProcessStartInfo("dotnet", [RepoPaths.BrokerDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(environment["Storage__DatabasePath"])!,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        watched.Clear();
        StartedAt = Clock.Timestamp;
        process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Observe(e.Data);
        process.ErrorDataReceived += (_, e) => Observe(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Polls GET /health until it answers 200; returns the time since <see cref="Start"/>.</summary>
    public async Task<TimeSpan> WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var serving = await Clock.PollAsync(() => IsHealthyAsync(cancellationToken), TimeSpan.FromMilliseconds(10), timeout, cancellationToken);
        return serving ? Clock.Since(StartedAt) : throw new TimeoutException($"The broker did not answer /health within {timeout}.{Tail()}");
    }

    /// <summary>Waits for a log line containing <paramref name="text"/>; returns its time since <see cref="Start"/>.</summary>
    public async Task<TimeSpan> WaitForLogAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (long At, string Line) found = default;
        var seen = await Clock.PollAsync(
            () => Task.FromResult(FindWatched(text, out found)),
            TimeSpan.FromMilliseconds(10),
            timeout,
            cancellationToken);
        return seen ? Clock.Between(StartedAt, found.At) : throw new TimeoutException($"The broker did not log '{text}' within {timeout}.{Tail()}");
    }

    /// <summary>User plus system CPU time of the broker process so far.</summary>
    public TimeSpan CpuTime()
    {
        var running = Alive();
        running.Refresh();
        return running.TotalProcessorTime;
    }

    /// <summary>Bytes the broker process has caused to be written to storage so far (<c>write_bytes</c> in /proc).</summary>
    public long DiskBytesWritten()
    {
        foreach (var line in File.ReadLines($"/proc/{Alive().Id}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("No write_bytes in /proc io.");
    }

    /// <summary>The peak resident set size of the process so far (VmHWM): its peak working set.</summary>
    public long PeakWorkingSetBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Alive().Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmHWM in /proc status.");
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

    /// <summary>SIGTERM: the broker finishes running jobs and checkpoints LiteDB, as under systemd.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Client.Dispose();
    }

    private Process Alive() => process is { HasExited: false } p ? p : throw new InvalidOperationException("The broker process is not running." + Tail());

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        // Only the lines a scenario waits for are kept with their time; the rest only as a short tail for errors.
        if (line.Contains("Recovered", StringComparison.Ordinal))
        {
            watched.Enqueue((Clock.Timestamp, line));
        }

        tail.Enqueue(line);
        while (tail.Count > 40 && tail.TryDequeue(out _))
        {
        }
    }

    private bool FindWatched(string text, out (long At, string Line) found)
    {
        foreach (var entry in watched)
        {
            if (entry.Line.Contains(text, StringComparison.Ordinal))
            {
                found = entry;
                return true;
            }
        }

        found = default;
        return false;
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (process is { HasExited: true })
        {
            throw new InvalidOperationException($"The broker process exited with code {process.ExitCode}.{Tail()}");
        }

        try
        {
            using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The last lines the broker wrote, for an error message.</summary>
    public string Tail() => tail.IsEmpty ? "" : Environment.NewLine + string.Join(Environment.NewLine, tail);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
