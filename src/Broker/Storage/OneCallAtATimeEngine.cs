using System.Diagnostics;
using LiteDB;
using LiteDB.Engine;

namespace Broker.Storage;

/// <summary>
/// The LiteDB engine entered by one thread at a time. LiteDB 5.0.21's page cache has a race (litedb #2817, fixed only in
/// the 6.x line): <c>MemoryCache.Extend</c> can recycle a cached page that a concurrent reader has looked up but not yet
/// pinned, so the reader decodes another page's bytes, and the cache's checks then fail the whole engine for good
/// ("ENSURE: share counter must be &gt; 0 in Release()", "pages in memory store must be non-shared", garbage index
/// reads). Every call that can look a page up (a query's start and each batch of its rows, every change, a transaction's
/// start and end) therefore holds one lock for as long as the call lasts; between batches a reader holds nothing, so an
/// open reader never blocks another thread.
/// <para>
/// A checkpoint needs LiteDB's exclusive lock, which waits for every open transaction (an open reader is one) and makes
/// new ones wait behind it. Entered under the call lock, it would wait for a reader that needs that lock to finish: so it
/// runs outside it, after new readers have been held at the door and the open ones have finished. Readers that stay
/// open longer than <see cref="CheckpointPatience"/> (one left undisposed, or a thread reading inside another read)
/// postpone the checkpoint to its next turn instead of stalling every read.
/// </para>
/// </summary>
internal sealed class OneCallAtATimeEngine(ILiteEngine engine) : ILiteEngine
{
    /// <summary>How long a checkpoint waits for open readers to finish before it gives its turn up.</summary>
    internal static readonly TimeSpan CheckpointPatience = TimeSpan.FromSeconds(2);

    private readonly Lock call = new();
    private readonly object door = new();
    private int openReaders;
    private bool checkpointWaiting;
    private long turns;

    /// <summary>Readers opened and not yet disposed (or finalised), for tests.</summary>
    internal int OpenReaders => Volatile.Read(ref openReaders);

    /// <summary>The turns of the call lock taken so far (each counted under the lock), for tests.</summary>
    internal long Turns => Interlocked.Read(ref turns);

    public IBsonDataReader Query(string collection, Query query)
    {
        lock (door)
        {
            while (checkpointWaiting)
            {
                Monitor.Wait(door);
            }

            openReaders++;
        }

        try
        {
            lock (call)
            {
                turns++;
                if (!collection.StartsWith('$'))
                {
                    return new Reader(engine.Query(collection, query), this);
                }

                // A system collection ($cols, $indexes, …) is enumerated lazily over the header's own dictionaries, which
                // a write on another thread can change between two rows ("Collection was modified"): it is read whole
                // under one turn, and the reader is closed before it is handed out.
                return Materialised(collection, query);
            }
        }
        catch
        {
            Closed();
            throw;
        }
    }

    /// <summary>Folds the log into the data file when no reader is open; returns 0 without folding when readers stay open.</summary>
    public int Checkpoint()
    {
        lock (door)
        {
            if (checkpointWaiting)
            {
                return 0;
            }

            checkpointWaiting = true;
            // A lock's patience, not the broker's clock: it is measured on the monotonic timer.
            var started = Stopwatch.GetTimestamp();
            while (openReaders > 0 && Stopwatch.GetElapsedTime(started) < CheckpointPatience)
            {
                Monitor.Wait(door, CheckpointPatience - Stopwatch.GetElapsedTime(started));
            }

            if (openReaders > 0)
            {
                checkpointWaiting = false;
                Monitor.PulseAll(door);
                throw new CheckpointPostponedException(openReaders);
            }
        }

        try
        {
            // No reader is open and none can start: the exclusive lock is free, and nothing else looks a page up.
            lock (call)
            {
                turns++;
                return engine.Checkpoint();
            }
        }
        finally
        {
            lock (door)
            {
                checkpointWaiting = false;
                Monitor.PulseAll(door);
            }
        }
    }

    public BsonValue Pragma(string name) => InCall(() => engine.Pragma(name));

    public bool Pragma(string name, BsonValue value) => InCall(() => engine.Pragma(name, value));

    public bool BeginTrans() => InCall(engine.BeginTrans);

    public bool Commit() => InCall(engine.Commit);

    public bool Rollback() => InCall(engine.Rollback);

    public long Rebuild(RebuildOptions options) => InCall(() => engine.Rebuild(options));

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => InCall(() => engine.Insert(collection, docs, autoId));

    public int Update(string collection, IEnumerable<BsonDocument> docs) => InCall(() => engine.Update(collection, docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => InCall(() => engine.UpdateMany(collection, transform, predicate));

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => InCall(() => engine.Upsert(collection, docs, autoId));

    public int Delete(string collection, IEnumerable<BsonValue> ids) => InCall(() => engine.Delete(collection, ids));

    public int DeleteMany(string collection, BsonExpression predicate) => InCall(() => engine.DeleteMany(collection, predicate));

    public bool DropCollection(string name) => InCall(() => engine.DropCollection(name));

    public bool RenameCollection(string name, string newName) => InCall(() => engine.RenameCollection(name, newName));

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => InCall(() => engine.EnsureIndex(collection, name, expression, unique));

    public bool DropIndex(string collection, string name) => InCall(() => engine.DropIndex(collection, name));

    public void Dispose() => InCall(() =>
    {
        engine.Dispose();
        return true;
    });

    private T InCall<T>(Func<T> operation)
    {
        lock (call)
        {
            turns++;
            return operation();
        }
    }

    private ListReader Materialised(string collection, Query query)
    {
        var rows = new List<BsonValue>();
        using (var inner = engine.Query(collection, query))
        {
            while (inner.Read())
            {
                rows.Add(inner.Current);
            }
        }

        Closed();
        return new ListReader(rows, collection);
    }

    private void Closed()
    {
        lock (door)
        {
            openReaders--;
            Monitor.PulseAll(door);
        }
    }

    /// <summary>
    /// A reader that takes its rows from LiteDB a few at a time, each batch under one turn of the call lock, and counts
    /// itself closed once. Batches grow from <see cref="FirstBatch"/> to <see cref="LastBatch"/>: a look-up that stops at
    /// its first row reads little ahead, and a long read takes a turn per batch rather than per row, so twenty readers of
    /// a hundred rows each hand the lock to one another a few times per query instead of a hundred.
    /// </summary>
    private sealed class Reader(IBsonDataReader inner, OneCallAtATimeEngine owner) : IBsonDataReader
    {
        internal const int FirstBatch = 4;
        internal const int LastBatch = 64;

        private readonly Queue<BsonValue> ahead = new();
        private int batch = FirstBatch;
        private bool exhausted;
        private BsonValue current = BsonValue.Null;
        private int closed;

        ~Reader() => Close();

        public BsonValue this[string field] => current.IsDocument ? current.AsDocument[field] ?? BsonValue.Null : BsonValue.Null;

        public string Collection => inner.Collection;

        public BsonValue Current => current;

        public bool HasValues => inner.HasValues;

        public bool Read()
        {
            if (ahead.Count == 0 && !exhausted)
            {
                lock (owner.call)
                {
                    owner.turns++;
                    while (ahead.Count < batch && inner.Read())
                    {
                        ahead.Enqueue(inner.Current);
                    }

                    exhausted = ahead.Count < batch;
                }

                batch = Math.Min(batch * 2, LastBatch);
            }

            if (ahead.TryDequeue(out var next))
            {
                current = next;
                return true;
            }

            current = BsonValue.Null;
            return false;
        }

        public void Dispose()
        {
            try
            {
                lock (owner.call)
                {
                    owner.turns++;
                    inner.Dispose();
                }
            }
            finally
            {
                ahead.Clear();
                Close();
                GC.SuppressFinalize(this);
            }
        }

        private void Close()
        {
            if (Interlocked.Exchange(ref closed, 1) == 0)
            {
                owner.Closed();
            }
        }
    }
}

/// <summary>Rows read whole beforehand: reading them takes no turn and holds nothing.</summary>
internal sealed class ListReader(List<BsonValue> rows, string collection) : IBsonDataReader
{
    private int position = -1;

    public BsonValue this[string field] => Current.AsDocument[field] ?? BsonValue.Null;

    public string Collection => collection;

    public BsonValue Current => position >= 0 && position < rows.Count ? rows[position] : BsonValue.Null;

    public bool HasValues => rows.Count > 0;

    public bool Read() => ++position < rows.Count;

    public void Dispose()
    {
    }
}

/// <summary>A checkpoint given up because readers stayed open; the next one folds the log.</summary>
internal sealed class CheckpointPostponedException(int openReaders)
    : InvalidOperationException($"Checkpoint postponed: {openReaders} reader(s) stayed open for {OneCallAtATimeEngine.CheckpointPatience.TotalSeconds:0} s; the next checkpoint folds the log.");
