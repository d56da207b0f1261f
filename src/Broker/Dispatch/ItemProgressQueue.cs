using System.Threading.Channels;

namespace Broker.Dispatch;

/// <summary>
/// Brings items up to date with their deliveries after the deliveries' own outcomes are stored, off the publishing
/// path: a delivery's slot is free as soon as its outcome is on disk, the deliveries of one item that finish together cost
/// one refresh, and the items queued together are refreshed in one commit (up to 50). A refresh lost to a crash is made
/// at the next start (start-up recovery refreshes every approved item with a finished delivery); at a graceful stop every
/// queued refresh is made first, and a delivery finished after this queue stopped refreshes its item itself, so no stop
/// order of the hosted services can lose one.
/// </summary>
public sealed partial class ItemProgressQueue(ItemProgress progress, ILogger<ItemProgressQueue> logger) : BackgroundService
{
    /// <summary>Batches of items refreshed at the same time at most.</summary>
    private const int Parallelism = 4;

    /// <summary>Items refreshed in one state change (one commit) at most.</summary>
    private const int BatchSize = 50;

    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Asks for item <paramref name="itemId"/> to be refreshed soon; once the queue has stopped, refreshes it now, on the
    /// caller (a dispatch that outlived the queue: hosted services stop in reverse order, which nobody should have to keep
    /// in mind when registering one).
    /// </summary>
    public Task EnqueueAsync(string itemId) =>
        queue.Writer.TryWrite(itemId) ? Task.CompletedTask : RefreshAsync([itemId], CancellationToken.None).AsTask();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
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
        }
#pragma warning disable CA1031 // One batch's failure must not stop the others'; the next start refreshes them again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RefreshFailed(logger, ex, string.Join(", ", itemIds));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3040, LogLevel.Error, "Could not bring items {ItemIds} up to date with their deliveries; the next start will")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, string itemIds);
    }
}
