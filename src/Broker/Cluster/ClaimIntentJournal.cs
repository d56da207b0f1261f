using Broker.Dispatch;

namespace Broker.Cluster;

/// <summary>
/// On PostgreSQL the intent record is the claim row: the dispatcher's compare-and-set to publishing, with this node's id
/// in <see cref="Delivery.ClaimedBy"/>, is a committed transaction before the platform is called, and with
/// <c>synchronous_commit</c> on (PostgreSQL's default, required in docs/deploy.md) a commit that returned is on disk. A
/// second record would add a write per delivery and prove nothing the row does not: recovery and
/// <see cref="DeadNodeSweep"/> reconcile every delivery found publishing. So nothing more is written here.
/// </summary>
internal sealed class ClaimIntentJournal : IIntentJournal
{
    public Task RecordAsync(string deliveryId, CancellationToken cancellationToken) => Task.CompletedTask;
}
