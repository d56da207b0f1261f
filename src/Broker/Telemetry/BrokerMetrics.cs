using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Broker.Telemetry;

/// <summary>
/// The broker's instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> made through
/// <see cref="IMeterFactory"/>. Names follow OpenTelemetry's conventions (dots, units apart); a Prometheus scrape shows
/// them with underscores and a unit suffix (<c>broker_deliveries_total</c>). Recording costs no allocation beyond the
/// tags on the stack and takes no lock; with nothing listening it is a few branches. The observable gauges read
/// state kept elsewhere (<see cref="TelemetryGauges"/>).
/// </summary>
public sealed class BrokerMetrics
{
    public const string MeterName = "Broker";

    // Seconds: a platform call takes tens of milliseconds to a minute (Instagram's container polling).
    private static readonly double[] CallBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    // Seconds: lateness is a scheduler's precision (milliseconds) up to a backlog (minutes).
    private static readonly double[] LatenessBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    // Seconds: an fsync takes microseconds on a write cache, milliseconds on a disk, and more when something is wrong.
    private static readonly double[] FsyncBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private readonly Counter<long> deliveries;
    private readonly Histogram<double> publishDuration;
    private readonly Histogram<double> lateness;
    private readonly Histogram<int> commitBatch;
    private readonly Histogram<double> fsync;
    private readonly Histogram<double> clickLag;

    public BrokerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        deliveries = Meter.CreateCounter<long>("broker.deliveries", "{delivery}", "Delivery attempts that ended, by platform and outcome (published, retrying, failed, held).");
        publishDuration = Meter.CreateHistogram<double>("broker.publish.duration", "s", "How long the adapter's platform call took (reconciliation and publishing).", advice: new() { HistogramBucketBoundaries = CallBuckets });
        lateness = Meter.CreateHistogram<double>("broker.delivery.lateness", "s", "The platform call's start minus the time the delivery was due.", advice: new() { HistogramBucketBoundaries = LatenessBuckets });
        commitBatch = Meter.CreateHistogram<int>("broker.storage.commit.batch_size", "{write}", "Writes per LiteDB group-commit transaction.", advice: new() { HistogramBucketBoundaries = BatchBuckets });
        fsync = Meter.CreateHistogram<double>("broker.storage.fsync.duration", "s", "How long forcing a file to disk took, by file (log, journal).", advice: new() { HistogramBucketBoundaries = FsyncBuckets });
        clickLag = Meter.CreateHistogram<double>("broker.clicks.write_lag", "s", "From a share-link click to its write in the store.", advice: new() { HistogramBucketBoundaries = LatenessBuckets });
    }

    /// <summary>The meter, for the observable gauges that read state kept elsewhere.</summary>
    public Meter Meter { get; }

    /// <summary>A delivery attempt ended with <paramref name="outcome"/> (a status: published, retrying, failed, held).</summary>
    public void DeliveryFinished(string platform, string outcome)
    {
        if (deliveries.Enabled)
        {
            deliveries.Add(1, new TagList { { "platform", platform }, { "outcome", outcome } });
        }
    }

    public void PlatformCalled(string platform, TimeSpan duration)
    {
        if (publishDuration.Enabled)
        {
            publishDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
        }
    }

    public void PlatformCallLate(string platform, TimeSpan late)
    {
        if (lateness.Enabled)
        {
            lateness.Record(late.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
        }
    }

    public void Committed(int writes) => commitBatch.Record(writes);

    /// <summary>Forcing <paramref name="file"/> (<c>log</c>, <c>journal</c>) to disk took <paramref name="duration"/>.</summary>
    public void Synced(string file, TimeSpan duration)
    {
        if (fsync.Enabled)
        {
            fsync.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("file", file));
        }
    }

    public void ClickWritten(TimeSpan lag) => clickLag.Record(lag.TotalSeconds);
}
