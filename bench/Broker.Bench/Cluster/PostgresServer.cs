using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Broker.Bench.Cluster;

/// <summary>
/// A throwaway PostgreSQL cluster of the suite's own, durable as in production: <c>initdb</c> in a temporary folder, a
/// free loopback port, run as the <c>postgres</c> user when the suite runs as root (PostgreSQL refuses root), with the
/// settings of docs/deploy.md (<c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c> on). Its processes
/// are read from /proc, so its CPU time and disk writes are measured apart from the broker's.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly string bin;
    private readonly string folder;
    private readonly string? user;
    private int databases;

    private PostgresServer(string bin, string folder, string? user, int port, bool profiling)
    {
        Profiling = profiling;
        this.bin = bin;
        this.folder = folder;
        this.user = user;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Started with pg_stat_statements loaded, for <see cref="ProfileAsync"/> (<c>--pg-profile</c>).</summary>
    public bool Profiling { get; }

    private string Data => Path.Combine(folder, "data");

    /// <summary>The settings a production server of docs/deploy.md has (memory scaled to this machine, shared with the broker).</summary>
    public static IReadOnlyList<string> Settings(long memoryBytes) =>
    [
        "fsync=on",
        "synchronous_commit=on",
        "full_page_writes=on",
        "max_connections=250", // 3 nodes × a pool of Delivery:MaxConcurrency + 8, plus room
        $"shared_buffers={Math.Max(memoryBytes / 4 / 1024 / 1024, 128)}MB",
        $"effective_cache_size={Math.Max(memoryBytes * 3 / 4 / 1024 / 1024, 256)}MB",
        "idle_in_transaction_session_timeout=60s",
    ];

    public static PostgresServer Start(TextWriter log, bool profiling)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (Debian's package).");
        var folder = Directory.CreateTempSubdirectory("broker-bench-pg-").FullName;
        var user = Environment.UserName == "root" ? "postgres" : null;
        if (user is not null)
        {
            Run("chown", ["-R", user, folder], null);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "broker", "--auth=trust", "--encoding=UTF8", "--locale=C"], user);
        var port = FreePort();
        var options = string.Join(' ', Settings(MemoryBytes()).Select(s => "-c " + s))
            + (profiling ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" : "");
        Run(Path.Combine(bin, "pg_ctl"), [
            "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {options}",
            "start",
        ], user);
        log.WriteLine($"  PostgreSQL {Path.GetFileName(Path.GetDirectoryName(bin))} on 127.0.0.1:{port} ({string.Join(", ", Settings(MemoryBytes()))})");
        return new PostgresServer(bin, folder, user, port, profiling);
    }

    /// <summary>A new empty database for one run; returns the connection string the broker nodes and the seeder use.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var database = $"{name}_{Interlocked.Increment(ref databases)}";
        await using (var connection = new NpgsqlConnection(Admin()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // The pool of each node as docs/deploy.md sizes it: Delivery:MaxConcurrency + 8.
        return new NpgsqlConnectionStringBuilder(Admin())
        {
            Database = database,
            Pooling = true,
            MaxPoolSize = Infrastructure.ShippedSettings.MaxConcurrency + 8,
        }.ConnectionString;
    }

    /// <summary>Starts sampling what the server's connections do (the server must be <see cref="Profiling"/>).</summary>
    public Task<PgProfile> ProfileAsync(CancellationToken cancellationToken) => PgProfile.StartAsync(Admin(), cancellationToken);

    /// <summary>Forces a checkpoint, so data pages the run dirtied are written now and counted with the run.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken) => await ScalarAsync("CHECKPOINT", cancellationToken);

    /// <summary>The current WAL position, in bytes since the cluster began.</summary>
    public async Task<long> WalPositionAsync(CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn", cancellationToken), CultureInfo.InvariantCulture);

    /// <summary>
    /// Writing transactions so far (the next transaction id: only a transaction that writes takes one, and each such
    /// commit waits for a WAL flush), and WAL flushes (<c>pg_stat_wal.wal_sync</c>; fewer flushes than commits is
    /// PostgreSQL's group commit at work).
    /// </summary>
    public async Task<(long Writes, long Flushes)> WritesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Admin());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (SELECT wal_sync FROM pg_stat_wal)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>CPU time and bytes written so far by the server's processes (the postmaster, its children, and children already gone).</summary>
    public ProcessUsage Usage() => ProcessUsage.OfTree(PostmasterId());

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], user);
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"  PostgreSQL in {folder} was not stopped cleanly: {ex.Message}");
        }
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Admin());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private int PostmasterId() => int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private string Admin() => $"Host=127.0.0.1;Port={Port};Username=broker;Database=postgres;Pooling=false";

    /// <summary>The folder of <c>initdb</c> and <c>pg_ctl</c>: Debian's newest <c>/usr/lib/postgresql/N/bin</c>.</summary>
    private static string? FindBinaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    private static long MemoryBytes()
    {
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(total["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string? user)
    {
        var start = new ProcessStartInfo(user is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "-u", user, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
