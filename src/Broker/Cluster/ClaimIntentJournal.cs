using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// On PostgreSQL the intent record is the claim row: the dispatcher's compare-and-set to publishing, with this node's id
/// in <see cref="Delivery.ClaimedBy"/>, is a committed transaction before the platform is called, and with
/// <c>synchronous_commit</c> on (PostgreSQL's default, required in docs/deploy.md) a commit that returned is on disk. A
/// second record would add a write per delivery and prove nothing the row does not: recovery and
/// <see cref="DeadNodeSweep"/> reconcile every delivery found publishing. What is left to check here, before the call, is
/// that the claim will be respected: a node whose heartbeat has not been written for half of
/// <see cref="ClusterOptions.NodeTimeout"/> (the database unreachable, a long pause) may soon be taken for dead by the
/// others, who would reconcile its claim while it publishes; so it does not call the platform.
/// </summary>
internal sealed class ClaimIntentJournal(ClusterNodes nodes, IOptions<ClusterOptions> options, TimeProvider time) : IIntentJournal
{
    public Task RecordAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var limit = options.Value.NodeTimeout / 2;
        return nodes.LastBeatAt is { } beat && time.GetUtcNow() - beat <= limit
            ? Task.CompletedTask
            : Task.FromException(new InvalidOperationException(
                $"This node's heartbeat was last written {(nodes.LastBeatAt is { } at ? $"at {at:u}" : "never")}, more than {limit} ago: other nodes may take it for dead, so it calls no platform."));
    }
}
