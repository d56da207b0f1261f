using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Broker.Dispatch;

/// <summary>
/// Brings items up to date with their deliveries after the deliveries' own outcomes are stored, off the publishing
/// path: a delivery's slot is free as soon as its outcome is on disk, the deliveries of one item that finish together cost
/// one refresh, and the items queued together are refreshed in one commit (up to 50). A refresh that fails (the database
/// away for a moment) is queued again after a pause that doubles per failure of the item, from
/// <see cref="FirstRetryDelay"/> up to <see cref="MaxRetryDelay"/>, for as long as the process runs. A refresh lost to a
/// crash is made at the next start (start-up recovery refreshes every approved item with a finished delivery), or by the
/// other nodes once they see this one dead; at a graceful stop every queued refresh is made first, and a delivery finished
/// after this queue stopped refreshes its item itself, so no stop order of the hosted services can lose one.
/// </summary>
public sealed partial class ItemProgressQueue(ItemProgress progress, TimeProvider time, ILogger<ItemProgressQueue> logger) : BackgroundService
{
    /// <summary>The pause before an item whose refresh failed is queued again, the first time.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between two tries of an item's refresh.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Batches of items refreshed at the same time at most.</summary>
    private const int Parallelism = 4;

    /// <summary>Items refreshed in one state change (one commit) at most.</summary>
    private const int BatchSize = 50;

    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    // Failures in a row per item whose refresh is waiting to be tried again.
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    private readonly CancellationTokenSource stopping = new();

    /// <summary>
    /// Asks for item <paramref name="itemId"/> to be refreshed soon; once the queue has stopped, refreshes it now, on the
    /// caller (a dispatch that outlived the queue: hosted services stop in reverse order, which nobody should have to keep
    /// in mind when registering one).
    /// </summary>
    public Task EnqueueAsync(string itemId) =>
        queue.Writer.TryWrite(itemId) ? Task.CompletedTask : RefreshAsync([itemId], CancellationToken.None).AsTask();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = new HashSet<string>(StringComparer.Ordinal);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (queue.Reader.TryRead(out var itemId))
            {
                due.Add(itemId);
            }

            await Parallel.ForEachAsync(due.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, RefreshAsync);
            due.Clear();
        }
    }

    private async ValueTask RefreshAsync(string[] itemIds, CancellationToken cancellationToken)
    {
        try
        {
            await progress.RefreshManyAsync(itemIds, cancellationToken);
            foreach (var id in itemIds)
            {
                failures.TryRemove(id, out _);
            }
        }
#pragma warning disable CA1031 // One batch's failure must not stop the others'; each of its items is tried again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var delay = itemIds.Max(id => Delay(failures.AddOrUpdate(id, 1, (_, n) => n + 1)));
            Log.RefreshFailed(logger, ex, string.Join(", ", itemIds), delay);
            _ = RetryLaterAsync(itemIds, delay);
        }
    }

    private static TimeSpan Delay(int failed) =>
        failed >= 7 ? MaxRetryDelay : TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << (failed - 1), MaxRetryDelay.Ticks));

    // Queued again after the pause; once the queue is stopping, left to the next start's recovery.
    private async Task RetryLaterAsync(string[] itemIds, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var id in itemIds)
        {
            queue.Writer.TryWrite(id);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3040, LogLevel.Error, "Could not bring items {ItemIds} up to date with their deliveries; tried again in {Delay}")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, string itemIds, TimeSpan delay);
    }
}
