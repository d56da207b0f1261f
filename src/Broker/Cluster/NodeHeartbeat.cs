using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// Beats every <see cref="ClusterOptions.HeartbeatInterval"/>. The first beat is part of the start: no delivery is
/// claimed by a node the others have never seen (which they would take for dead).
/// </summary>
internal sealed partial class NodeHeartbeat(ClusterNodes nodes, IOptions<ClusterOptions> options, TimeProvider time, ILogger<NodeHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await nodes.BeatAsync(starting: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await nodes.BeatAsync(starting: false, stoppingToken);
                }
#pragma warning disable CA1031 // A missed beat is retried at the next tick; only NodeTimeout of them makes the node dead to the others.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.BeatFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "This node's heartbeat could not be written; it is tried again at the next tick")]
        public static partial void BeatFailed(ILogger logger, Exception exception);
    }
}
