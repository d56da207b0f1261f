using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Cluster;

/// <summary>The nodes sharing the database (<c>broker_nodes</c>): this node's heartbeat, and which nodes are alive.</summary>
public sealed class ClusterNodes(PgDatabase database, BrokerNode node, IOptions<ClusterOptions> options, TimeProvider time)
{
    private long lastBeatTicks;

    /// <summary>When this node's heartbeat was last written; null before the first.</summary>
    public DateTimeOffset? LastBeatAt => Interlocked.Read(ref lastBeatTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Records that this node is alive now; <paramref name="starting"/> also resets its start time.</summary>
    public async Task BeatAsync(bool starting, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO broker_nodes (node_id, started_at, seen_at) VALUES (@id, @now, @now)
            ON CONFLICT (node_id) DO UPDATE SET seen_at = @now,
                started_at = CASE WHEN @starting THEN @now ELSE broker_nodes.started_at END
            """,
            connection);
        command.Parameters.AddWithValue("id", node.Id!);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("starting", starting);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Interlocked.Exchange(ref lastBeatTicks, now.UtcTicks);
    }

    /// <summary>Every node that ever beat, with when it was last seen (this node's own included).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastSeenAsync(CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT node_id, seen_at FROM broker_nodes", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seen[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return seen;
    }

    /// <summary>The ids of the nodes seen within <see cref="ClusterOptions.NodeTimeout"/>; this node is always one of them.</summary>
    public async Task<IReadOnlySet<string>> LiveAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.NodeTimeout;
        var live = new HashSet<string>(StringComparer.Ordinal) { node.Id! };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT node_id FROM broker_nodes WHERE seen_at >= @since", connection);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live.Add(reader.GetString(0));
        }

        return live;
    }
}
