using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// Beats every <see cref="ClusterOptions.HeartbeatInterval"/>. The first beat is part of the start: no delivery is
/// claimed by a node the others have never seen (which they would take for dead). A missed beat is retried at the next
/// tick; only <see cref="ClusterOptions.NodeTimeout"/> of them makes the node dead to the others.
/// </summary>
internal sealed class NodeHeartbeat(ClusterNodes nodes, IOptions<ClusterOptions> options, TimeProvider time, ILogger<NodeHeartbeat> logger)
    : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.HeartbeatInterval;

    protected override string Purpose => "This node's heartbeat";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await nodes.BeatAsync(starting: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => nodes.BeatAsync(starting: false, cancellationToken);
}
