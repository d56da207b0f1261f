using System.Threading.Channels;
using Broker.Storage;
using Broker.Telemetry;
using Microsoft.Extensions.Options;

namespace Broker.Sharing;

/// <summary>
/// Takes clicks off the redirect path: the redirect only queues a click; this service writes them in batches (one
/// transaction each) and, at a graceful shutdown, after the web server has stopped taking requests, writes the rest.
/// </summary>
public sealed partial class ClickRecorder(
    IClickStore clicks, VisitorHash visitors, BrokerMetrics metrics, IOptions<SharingOptions> options, TimeProvider time, ILogger<ClickRecorder> logger)
    : BackgroundService
{
    private readonly Channel<Click> queue = Channel.CreateBounded<Click>(new BoundedChannelOptions(options.Value.ClickQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long written;

    /// <summary>Clicks stored so far by this process.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Clicks queued and not yet written: the writer's backlog.</summary>
    public int Queued => queue.Reader.Count;

    /// <summary>Queues a click; waits only when the queue is full (the database is far behind).</summary>
    public ValueTask RecordAsync(Click click, CancellationToken cancellationToken) =>
        queue.Writer.TryWrite(click) ? ValueTask.CompletedTask : queue.Writer.WriteAsync(click, cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await visitors.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Click>(options.Value.ClickBatchSize);

        // Not stoppingToken: after the writer is completed, the loop drains what is queued, then ends.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await GatherAsync();
            while (batch.Count < options.Value.ClickBatchSize && queue.Reader.TryRead(out var click))
            {
                batch.Add(click);
            }

            try
            {
                await clicks.AddAllAsync(batch, CancellationToken.None);
                Interlocked.Add(ref written, batch.Count);
                RecordLag(batch);
                batch.Clear();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(logger, batch.Count, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }

        if (batch.Count > 0)
        {
            await clicks.AddAllAsync(batch, CancellationToken.None);
            Interlocked.Add(ref written, batch.Count);
        }
    }

    // The oldest click of the batch waited longest: its lag is the writer's.
    private void RecordLag(List<Click> batch)
    {
        if (batch.Count > 0)
        {
            metrics.ClickWritten(time.GetUtcNow() - batch[0].At);
        }
    }

    /// <summary>
    /// Lets a batch gather for <see cref="SharingOptions.ClickWriteInterval"/> unless a full one is waiting. Each batch is
    /// one transaction and one fsync of LiteDB's log, and under load fsyncs of small batches took most of the writer's
    /// time. Real time, not the TimeProvider: it paces the disk, it is no time of the domain.
    /// </summary>
    private async Task GatherAsync()
    {
        var interval = options.Value.ClickWriteInterval;
        if (interval > TimeSpan.Zero && queue.Reader.Count < options.Value.ClickBatchSize)
        {
            await Task.WhenAny(Task.Delay(interval, CancellationToken.None), queue.Reader.Completion);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Could not write {Count} clicks; trying again")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
