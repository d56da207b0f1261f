using System.Globalization;
using Npgsql;

namespace Broker.Bench.Cluster;

/// <summary>
/// A sampling profile of the database side of a run (<c>--pg-profile</c>): what the broker's connections are doing
/// every 50 ms (<c>pg_stat_activity</c>: running, or waiting on which lock, I/O or the client), and the statements that
/// took the most server time (<c>pg_stat_statements</c>, reset when the profile starts).
/// </summary>
internal sealed class PgProfile : IAsyncDisposable
{
    private const string Sample = """
        SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), left(regexp_replace(query, '\s+', ' ', 'g'), 60)
        FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
        """;

    private const string Top = """
        SELECT calls, total_exec_time, mean_exec_time, left(regexp_replace(query, '\s+', ' ', 'g'), 100)
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10
        """;

    private readonly string adminConnectionString;
    private readonly NpgsqlConnection connection;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, int> waits = new(StringComparer.Ordinal);
    private Task? sampling;
    private int samples;

    private PgProfile(string adminConnectionString, NpgsqlConnection connection)
    {
        this.adminConnectionString = adminConnectionString;
        this.connection = connection;
    }

    public static async Task<PgProfile> StartAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", connection))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var profile = new PgProfile(adminConnectionString, connection);
        profile.sampling = profile.SampleAsync();
        return profile;
    }

    /// <summary>Stops sampling and writes the profile: wait events by share of samples, then the costliest statements.</summary>
    public async Task WriteAsync(TextWriter log, CancellationToken cancellationToken)
    {
        await stop.CancelAsync();
        await (sampling ?? Task.CompletedTask);
        var total = Math.Max(waits.Values.Sum(), 1);
        log.WriteLine($"    PostgreSQL, active client backends over {samples:N0} samples (50 ms apart; 'CPU' = running, not waiting):");
        foreach (var (what, count) in waits.OrderByDescending(w => w.Value).Take(12))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {100.0 * count / total,5:N1}%  {what}"));
        }

        log.WriteLine("    PostgreSQL, statements by total execution time (calls, total ms, mean ms):");
        await using var top = new NpgsqlConnection(adminConnectionString); // the sampler's may be left mid-cancel
        await top.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Top, top);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"      {reader.GetInt64(0),9:N0} {reader.GetDouble(1),10:N0} {reader.GetDouble(2),8:N3}  {reader.GetString(3)}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await (sampling ?? Task.CompletedTask);
        await connection.DisposeAsync();
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var command = new NpgsqlCommand(Sample, connection))
                await using (var reader = await command.ExecuteReaderAsync(stop.Token))
                {
                    while (await reader.ReadAsync(stop.Token))
                    {
                        var key = $"{reader.GetString(0),-28} {reader.GetString(1)}";
                        waits[key] = waits.GetValueOrDefault(key) + 1;
                    }
                }

                samples++;
                await Task.Delay(50, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the profile was stopped
        }
    }
}
