using System.Diagnostics;
using System.Threading.Channels;
using Broker.Telemetry;
using LiteDB;

namespace Broker.Storage;

/// <summary>
/// Group commit for LiteDB: writes queued by many callers at once are applied by one writer in one transaction, and
/// the transactions committed meanwhile share one forcing of the log to disk, so a burst of deliveries costs a handful
/// of commits and fsyncs instead of several per delivery. A caller's task completes when its write is committed and on
/// disk, so it reads its own write, and keeps it through a crash or a power cut. That holds by LiteDB 5.0.21's design:
/// its commit has written every page of the transaction into the log file before it returns, on this writer's thread
/// (see <see cref="LiteDbFile"/>), and a batch reaches the syncer only after its commit returned, so the fsync that
/// completes a caller covers all of its pages. There is no timer: whatever queued while the previous transaction
/// committed goes into the next one, and whatever committed while the previous fsync ran shares the next, so a lone
/// write waits for nobody. A failed fsync fails its callers and every later write (<see cref="FailStop"/>).
/// </summary>
/// <remarks>
/// LiteDB rolls a whole explicit transaction back when one of its operations throws. The batch is then applied again
/// one write per transaction, so one bad write (a duplicate key, a missing document) fails only its own caller. Every
/// write runs inside a transaction, a lone one too, so a write of several operations is applied whole or not at all.
/// </remarks>
internal sealed class GroupCommit : IDisposable
{
    /// <summary>Writes per transaction at most: bounds the transaction's dirty pages in memory.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<List<Pending>> committed = Channel.CreateUnbounded<List<Pending>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly LiteDatabase database;
    private readonly Lock writes;
    private readonly Action syncToDisk;
    private readonly BrokerMetrics? metrics;
    private readonly Task writer;
    private readonly Task syncer;
    private long transactions;

    /// <param name="database">The database the writes go to.</param>
    /// <param name="writes">The process's write lock (<see cref="BrokerDatabase.Write{T}(Func{T})"/>).</param>
    /// <param name="syncToDisk">Forces every commit made so far to disk (the log's fsync).</param>
    /// <param name="metrics">Where batch sizes and fsync times are recorded, if anywhere.</param>
    public GroupCommit(LiteDatabase database, Lock writes, Action syncToDisk, BrokerMetrics? metrics = null)
    {
        this.database = database;
        this.writes = writes;
        this.syncToDisk = syncToDisk;
        this.metrics = metrics;
        writer = Task.Run(WriteBatchesAsync);
        syncer = Task.Run(SyncBatchesAsync);
    }

    /// <summary>Transactions committed so far (a batch, or a write on its own).</summary>
    public long Transactions => Interlocked.Read(ref transactions);

    public Task<T> Enqueue<T>(Func<T> write)
    {
        var pending = new Pending<T>(write);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit), "The database is closing; the write was not accepted.");
        }

        return pending.Task;
    }

    /// <summary>Stops accepting writes and waits until every accepted one is committed.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        writer.GetAwaiter().GetResult();
        syncer.GetAwaiter().GetResult();
    }

    private async Task WriteBatchesAsync()
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = new List<Pending>();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                lock (writes)
                {
                    Apply(batch);
                }

                metrics?.Committed(batch.Count);

                // The next batch is applied while this one's fsync runs.
                committed.Writer.TryWrite(batch);
            }
        }
        finally
        {
            committed.Writer.TryComplete();
        }
    }

    private async Task SyncBatchesAsync()
    {
        var batches = new List<List<Pending>>();
        while (await committed.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (committed.Reader.TryRead(out var batch))
            {
                batches.Add(batch);
            }

            Exception? failure = null;
            var started = Stopwatch.GetTimestamp();
            try
            {
                syncToDisk();
                metrics?.Synced("log", Stopwatch.GetElapsedTime(started));
            }
#pragma warning disable CA1031 // Handed to every caller whose write this fsync was to secure.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
            }

            foreach (var pending in batches.SelectMany(b => b))
            {
                pending.Complete(failure);
            }

            batches.Clear();
        }
    }

    private void Apply(List<Pending> batch)
    {
        if (batch.Count > 1 && TryInOneTransaction(batch))
        {
            return;
        }

        foreach (var pending in batch)
        {
            RunAlone(pending);
        }
    }

    // A write on its own still gets a transaction: a write of several operations (a state change with its audit entry)
    // is whole or absent, never half applied.
    private void RunAlone(Pending pending)
    {
        var own = database.BeginTrans();
        if (pending.Run())
        {
            if (own)
            {
                database.Commit();
            }
        }
        else if (own)
        {
            try
            {
                database.Rollback();
            }
#pragma warning disable CA1031 // LiteDB may have rolled back already; the caller has the write's own failure.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        Interlocked.Increment(ref transactions);
    }

    private bool TryInOneTransaction(List<Pending> batch)
    {
        if (!database.BeginTrans())
        {
            return false; // a transaction is already open on this thread: cannot happen, but never nest into it
        }

        try
        {
            foreach (var pending in batch)
            {
                pending.RunInBatch();
            }

            database.Commit();
            Interlocked.Increment(ref transactions);
            return true;
        }
#pragma warning disable CA1031 // Any failure is retried write by write below, where it reaches its own caller.
        catch (Exception)
#pragma warning restore CA1031
        {
            try
            {
                database.Rollback();
            }
#pragma warning disable CA1031 // LiteDB may have rolled back already; the writes are applied again one by one either way.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return false;
        }
    }

    private abstract class Pending
    {
        /// <summary>Runs inside the batch's transaction; an exception aborts the whole batch.</summary>
        public abstract void RunInBatch();

        /// <summary>Runs in a transaction of its own; false when it threw (the exception belongs to this write's caller).</summary>
        public abstract bool Run();

        /// <summary>Hands the write's result, or its failure, to its caller; <paramref name="unsynced"/> fails it when the fsync did.</summary>
        public abstract void Complete(Exception? unsynced);
    }

    private sealed class Pending<T>(Func<T> write) : Pending
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private Exception? failure;

        public Task<T> Task => done.Task;

        public override void RunInBatch() => result = write();

        public override bool Run()
        {
            try
            {
                result = write();
                failure = null;
                return true;
            }
#pragma warning disable CA1031 // Handed to the caller's task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
                return false;
            }
        }

        public override void Complete(Exception? unsynced)
        {
            if ((failure ?? unsynced) is { } problem)
            {
                done.TrySetException(problem);
            }
            else
            {
                done.TrySetResult(result!);
            }
        }
    }
}
