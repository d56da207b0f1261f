using Broker.Dispatch;
using Broker.Hosting;
using Broker.Scheduling;
using Broker.Storage;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Cluster;

/// <summary>
/// Takes over the claims of dead nodes: every <see cref="ClusterOptions.HeartbeatInterval"/>, a delivery left publishing
/// by a node not seen for <see cref="ClusterOptions.NodeTimeout"/> is made to retry with reconciliation (compare-and-set),
/// so the adapter looks for the post on the platform before anyone publishes again. Every node sweeps; the
/// compare-and-set lets one of them win each delivery. The look runs at every heartbeat on every node, so it reads only
/// the ids and claimants of the claims of dead nodes, filtered by PostgreSQL; a whole delivery is read only to take it over.
/// Due deliveries a dead node had taken but not yet claimed (its
/// leases, <see cref="DueDeliveries"/>) are released and woken again.
/// </summary>
internal sealed partial class DeadNodeSweep(
    PgDatabase database,
    IDeliveryStore deliveries,
    BrokerNode node,
    ClusterNodes nodes,
    PublishingSweep sweep,
    DueDeliveries due,
    IDeliveryScheduler scheduler,
    IItemStore items,
    ItemProgress progress,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<DeadNodeSweep> logger) : PeriodicSweep(time, logger)
{
    // The claimant is inside the document; migration 0150 indexes it for the publishing rows, the only ones looked at.
    private const string ClaimsOfDeadNodes =
        """
        SELECT d.id, d.doc->>'ClaimedBy' FROM deliveries d
        WHERE d.status = 'Publishing' AND d.doc->>'ClaimedBy' <> @self
          AND NOT EXISTS (SELECT FROM broker_nodes n WHERE n.node_id = d.doc->>'ClaimedBy' AND n.seen_at >= @since)
        ORDER BY d.id
        """;

    // Per other node, the last heartbeat after which this node caught the items up (or found the node already dead, at
    // its first round). A node whose heartbeat is older than the timeout and newer than that died since, maybe with its
    // items' progress still queued in memory (ItemProgressQueue), which no claim records. Judged by heartbeats, not by
    // whether this node saw it alive at its last round: a node restarted and killed again between two rounds, or one
    // taken for dead while it was only slow and then killed for real, is caught up after too.
    private readonly Dictionary<string, DateTimeOffset> caughtUp = new(StringComparer.Ordinal);

    private bool looked;

    protected override TimeSpan Interval => options.Value.HeartbeatInterval;

    protected override string Purpose => "The sweep for claims of dead nodes";

    /// <summary>Reconciles every delivery claimed by a dead node; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await CatchUpItemsAfterDeathsAsync(cancellationToken);
        var live = await nodes.LiveAsync(cancellationToken);
        await scheduler.ScheduleAsync(await due.ReleaseStaleLeasesAsync(live, cancellationToken), cancellationToken);
        var swept = 0;
        foreach (var (id, claimant) in await FindClaimsOfDeadNodesAsync(cancellationToken))
        {
            // Read whole only now, and only if still the dead node's claim: the compare-and-set decides among the sweepers.
            if (await deliveries.GetAsync(id, cancellationToken) is not { Status: DeliveryStatus.Publishing } delivery || delivery.ClaimedBy != claimant)
            {
                continue;
            }

            var reason = $"Claimed by node {claimant}, not seen for {options.Value.NodeTimeout}; looking for the post before publishing again.";
            if (await sweep.ReconcileAsync(delivery, reason, cancellationToken))
            {
                Log.TakenOver(Logger, id, claimant);
                swept++;
            }
        }

        return swept;
    }

    /// <summary>The id and claimant of each publishing delivery claimed by another node that is not seen any more.</summary>
    public async Task<IReadOnlyList<(string Id, string ClaimedBy)>> FindClaimsOfDeadNodesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ClaimsOfDeadNodes, connection);
        command.Parameters.AddWithValue("self", node.Id!);
        command.Parameters.AddWithValue("since", Time.GetUtcNow() - options.Value.NodeTimeout);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claims = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add((reader.GetString(0), reader.GetString(1)));
        }

        return claims;
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    // A node that died may have published an item's last deliveries and lost the item's progress with its memory; a
    // restarted node catches items up at start-up (DeliveryRecovery), the survivors do it here, once per death seen.
    // Refreshing is a compare-and-set from the deliveries' states, so several survivors doing it is harmless.
    private async Task CatchUpItemsAfterDeathsAsync(CancellationToken cancellationToken)
    {
        var since = Time.GetUtcNow() - options.Value.NodeTimeout;
        var died = (await nodes.LastSeenAsync(cancellationToken))
            .Where(n => n.Key != node.Id && n.Value < since && (!caughtUp.TryGetValue(n.Key, out var after) || after < n.Value))
            .ToList();
        foreach (var (id, seenAt) in died)
        {
            caughtUp[id] = seenAt;
        }

        // At the first round the nodes already dead are only noted: a restarted node catches up at its own start.
        var first = !looked;
        looked = true;
        if (died.Count == 0 || first)
        {
            return;
        }

        Log.NodesDied(Logger, string.Join(", ", died.Select(d => d.Key)));
        await foreach (var item in items.ListApprovedAsync(cancellationToken))
        {
            await progress.RefreshAsync(item.Id, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3303, LogLevel.Warning, "Node(s) {NodeIds} stopped beating; the live items are brought up to date in case their progress died with them")]
        public static partial void NodesDied(ILogger logger, string nodeIds);

        [LoggerMessage(3301, LogLevel.Warning, "Delivery {DeliveryId} was claimed by node {NodeId}, which stopped beating; it retries with reconciliation")]
        public static partial void TakenOver(ILogger logger, string deliveryId, string nodeId);
    }
}
