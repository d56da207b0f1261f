using Broker.Hosting;
using Broker.Scheduling;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Cluster;

/// <summary>
/// No pending delivery without a wake-up, even while no node restarts: every <see cref="ClusterOptions.WakeUpSweepInterval"/>
/// the deliveries still waiting (scheduled or retrying) are compared with the triggers in Quartz's tables, and one that
/// has none gets it. That is a delivery whose commit landed and whose trigger did not (the node died between the two, or
/// the scheduler failed). On one node start-up recovery does this; several nodes rarely all restart. Deliveries of a
/// suspended scope are left out: they wait for the resume, which wakes them. A delivery due in the
/// past is only taken once it is older than one interval, so one whose trigger just fired and is being handled is left
/// alone; should one be woken twice anyway, its compare-and-set lets only one dispatch publish it.
/// </summary>
/// <remarks>
/// One node sweeps at a time: the round runs under a PostgreSQL advisory lock taken with <c>pg_try_advisory_lock</c>,
/// and a node that finds it taken skips its round (the other node's round does the same work). It reads only the id
/// and due time of the waiting deliveries, through the partial index of pending deliveries.
/// </remarks>
internal sealed partial class WakeUpSweep(
    PgDatabase database,
    ClusteredDeliveryScheduler scheduler,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<WakeUpSweep> logger) : PeriodicSweep(time, logger)
{
    /// <summary>The advisory lock one sweeping node holds ("broker-wake-up-sweep").</summary>
    public const long LockKey = 0x62726f6b77616b65;

    // A delivery of a suspended scope (the city, its account's OPD, its account) lost its wake-up on purpose: the resume
    // gives it back (SuspensionService). Waking it meanwhile would only make the dispatcher drop it again, every round.
    private const string Waiting =
        """
        SELECT d.id, d.due_at FROM deliveries d
        WHERE d.status IN ('Scheduled', 'Retrying') AND (d.due_at > @now OR d.due_at < @settled)
          AND NOT EXISTS (
            SELECT 1 FROM suspensions s
            WHERE s.doc->>'ResumedAt' IS NULL
              AND (s.doc->>'ResumeAt' IS NULL OR (s.doc->>'ResumeAt')::timestamptz > @now)
              AND (s.id = 'city' OR s.id = 'account:' || d.account_id
                   OR s.id = (SELECT 'opd:' || a.opd FROM accounts a WHERE a.id = d.account_id)))
        """;

    protected override TimeSpan Interval => options.Value.WakeUpSweepInterval;

    protected override string Purpose => "The sweep for deliveries without a trigger";

    /// <summary>
    /// Gives every waiting delivery that lacks a trigger its wake-up; returns how many, or null when another node is
    /// sweeping (it holds the lock).
    /// </summary>
    public async Task<int?> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await LockAsync(connection, "pg_try_advisory_lock", cancellationToken))
        {
            return null;
        }

        try
        {
            var lacking = await FindLackingAsync(connection, cancellationToken);
            if (lacking.Count > 0)
            {
                await scheduler.ScheduleAsync(lacking, cancellationToken);
                Log.Woken(Logger, lacking.Count);
            }

            return lacking.Count;
        }
        finally
        {
            // Released on the same connection; a node that dies while sweeping loses the connection, and with it the lock.
            await LockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    private async Task<IReadOnlyCollection<DueDelivery>> FindLackingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await using var command = new NpgsqlCommand(Waiting, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("settled", now - options.Value.WakeUpSweepInterval);
        var waiting = new List<DueDelivery>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                waiting.Add(new DueDelivery(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        return await scheduler.LackingAsync(waiting, cancellationToken);
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static partial class Log
    {
        [LoggerMessage(3321, LogLevel.Warning, "{Count} waiting deliveries had no trigger (a node stopped between a commit and its trigger); they have one again")]
        public static partial void Woken(ILogger logger, int count);
    }
}
