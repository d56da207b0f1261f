using System.Globalization;
using Broker.Bench.Cluster;
using Broker.Testing.PostgreSql;
using Npgsql;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// The suite's throwaway PostgreSQL cluster (<see cref="ThrowawayPostgres"/>, shared with the integration tests), durable
/// as in production: the settings of docs/deploy.md (<c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c>
/// on). Its processes are read from /proc, so its CPU time and disk writes are measured apart from the broker's.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private readonly ThrowawayPostgres server;
    private int databases;

    private PostgresServer(ThrowawayPostgres server, bool profiling)
    {
        this.server = server;
        Profiling = profiling;
    }

    public int Port => server.Port;

    /// <summary>Started with pg_stat_statements loaded, for <see cref="ProfileAsync"/> (<c>--pg-profile</c>).</summary>
    public bool Profiling { get; }

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
        var settings = Settings(MemoryBytes());
        var server = ThrowawayPostgres.Start(
            profiling ? [.. settings, "shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"] : settings,
            durableInit: true,
            prefix: "broker-bench-pg-");
        log.WriteLine($"  PostgreSQL {Path.GetFileName(Path.GetDirectoryName(ThrowawayPostgres.FindBinaries()))} on 127.0.0.1:{server.Port} ({string.Join(", ", settings)})");
        return new PostgresServer(server, profiling);
    }

    /// <summary>A new empty database for one run; returns the connection string the broker nodes and the seeder use.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken) =>
        // The pool of each node as docs/deploy.md sizes it: Delivery:MaxConcurrency + 8.
        server.CreateDatabaseAsync($"{name}_{Interlocked.Increment(ref databases)}", ShippedSettings.MaxConcurrency + 8, cancellationToken);

    /// <summary>Starts sampling what the server's connections do (the server must be <see cref="Profiling"/>).</summary>
    public Task<PgProfile> ProfileAsync(CancellationToken cancellationToken) => PgProfile.StartAsync(server.AdminConnectionString, cancellationToken);

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
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (SELECT wal_sync FROM pg_stat_wal)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>CPU time and bytes written so far by the server's processes (the postmaster, its children, and children already gone).</summary>
    public ProcessUsage Usage() => ProcessUsage.OfTree(server.PostmasterId());

    public void Dispose()
    {
        try
        {
            server.Dispose();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"  PostgreSQL in {server.Folder} was not stopped cleanly: {ex.Message}");
        }
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static long MemoryBytes()
    {
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(total["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
