namespace Broker.Adapters;

/// <summary>
/// Reads the engagement of a published post back from its platform. Optional: an <see cref="IChannelAdapter"/> that can
/// read metrics also implements this interface, and the broker reads each published post at the ages it is configured
/// with. The metrics are data: the platform's own metric names with their values, so a renamed or retired metric needs
/// no change to the broker. A metric the platform no longer knows is skipped (and named in
/// <see cref="PostMetrics.Skipped"/>), never an error.
/// </summary>
public interface IPostMetricsReader
{
    /// <summary>
    /// The metrics of <paramref name="platformPostId"/> (as <see cref="PublishOutcome.Published.RemotePostId"/> gave it)
    /// on <paramref name="account"/>. Never throws for what the platform answered or for a network failure: every case
    /// maps to one <see cref="ReadOutcome"/>; a success is <see cref="ReadOutcome.Metrics"/>.
    /// </summary>
    Task<ReadOutcome> ReadMetricsAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken);

    /// <summary>What a metric of this platform measures, so reports can add reach and interactions across platforms; <see cref="MetricKind.Other"/> for names it does not know.</summary>
    MetricKind KindOf(string metricName);
}
