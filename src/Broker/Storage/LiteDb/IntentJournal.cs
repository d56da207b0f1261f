using System.Diagnostics;
using Broker.Storage;
using Broker.Telemetry;
using Microsoft.Extensions.Options;

namespace Broker.Storage.LiteDb;

/// <summary>
/// An append-only file naming each delivery just before the broker asks a platform to publish it, on disk (fsynced)
/// before the call is made. The "publishing" mark is committed and forced to disk while the platform answers, so a crash
/// can lose it; this record cannot. At start-up every delivery named here that is not finished is reconciled with the
/// platform, never republished blindly. Deliveries recorded at the same moment share one write and one fsync (group
/// commit): the fsync, not the bytes, is what a burst waits for. A line is whole or absent: a torn last line (a crash
/// or a failed write in the middle of it) is cut off before the journal is written again, at open and after the
/// failure. A failed fsync stops the broker (<see cref="FailStop"/>); the journal then records nothing more.
/// </summary>
public sealed class IntentJournal : IIntentJournal, IDisposable
{
    /// <summary>
    /// The line a health probe writes. Delivery ids are 32 hex digits, so recovery, which looks up deliveries by the ids
    /// the journal names, never takes it for an intent, and the compaction at the next start drops it.
    /// </summary>
    public const string ProbeLine = "~health-probe";

    private readonly Lock sync = new();
    private readonly Lock file = new();
    private readonly string path;
    private FileStream stream;
    private List<string> waiting = [];
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FailStop failStop;
    private readonly BrokerMetrics? metrics;
    private bool flushing;
    private bool torn;
    private long generation;
    private long lastSynced;

    public IntentJournal(IOptions<StorageOptions> options, FailStop failStop, BrokerMetrics? metrics = null)
    {
        path = Path.GetFullPath(options.Value.DatabasePath) + ".intents";
        this.failStop = failStop;
        this.metrics = metrics;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        stream = Open(path);
    }

    /// <summary>For tests: a journal of its own, stopped by nothing.</summary>
    internal IntentJournal(IOptions<StorageOptions> options)
        : this(options, new FailStop())
    {
    }

    /// <summary>For tests only: runs before each write of lines to the journal's file; an <see cref="IOException"/> fails it.</summary>
    internal Action<Stream>? BeforeWrite { get; set; }

    /// <summary>For tests only: runs before a compaction writes its new file (the old one is still the journal).</summary>
    internal Action<Stream>? BeforeRewrite { get; set; }

    /// <summary>For tests only: runs before each fsync of the journal; an <see cref="IOException"/> fails it.</summary>
    internal Action? BeforeSync { get; set; }

    /// <summary>Durably notes that delivery <paramref name="deliveryId"/> is about to reach its platform.</summary>
    /// <returns>A task that completes once the note is on disk.</returns>
    public Task RecordAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (failStop.Refusal() is { } refused)
        {
            return Task.FromException(refused);
        }

        Task written;
        bool lead;
        lock (sync)
        {
            waiting.Add(deliveryId);
            written = next.Task;
            lead = !flushing;
            flushing = true;
        }

        if (lead)
        {
            // The first caller flushes for everyone who queues meanwhile, on a pool thread so that it is not held up.
            _ = Task.Run(FlushWaiting, CancellationToken.None);
        }

        return written.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Proves the journal can still be written and forced to disk: done already when a write was synced within
    /// <paramref name="freshness"/> (a busy broker adds no probe lines), else by recording <see cref="ProbeLine"/>.
    /// </summary>
    public Task ProbeAsync(TimeSpan freshness, CancellationToken cancellationToken)
    {
        var synced = Interlocked.Read(ref lastSynced);
        return synced != 0 && Stopwatch.GetElapsedTime(synced) < freshness && !failStop.IsTripped
            ? Task.CompletedTask
            : RecordAsync(ProbeLine, cancellationToken);
    }

    /// <summary>Every delivery id recorded since the journal was last compacted.</summary>
    public IReadOnlySet<string> ReadAll()
    {
        lock (file)
        {
            Sync(stream);
            var text = File.ReadAllText(path);
            return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Rewrites the journal with only <paramref name="keep"/>, atomically (write, fsync, rename).</summary>
    public void Compact(IEnumerable<string> keep)
    {
        lock (file)
        {
            Rewrite(System.Text.Encoding.UTF8.GetBytes(string.Concat(keep.Select(id => id + "\n"))));
        }
    }

    /// <summary>
    /// The ids recorded so far, with where they end in the file: a compaction made beside new records
    /// (<see cref="Compact(JournalSnapshot, IEnumerable{string})"/>) keeps every line written after that point.
    /// </summary>
    public JournalSnapshot Snapshot()
    {
        lock (file)
        {
            Sync(stream);
            var bytes = File.ReadAllBytes(path);
            var whole = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            var ids = System.Text.Encoding.UTF8.GetString(bytes, 0, whole).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return new JournalSnapshot(ids, whole, generation);
        }
    }

    /// <summary>
    /// Rewrites the journal with <paramref name="keep"/> (of the ids in <paramref name="snapshot"/>) and every line recorded
    /// since the snapshot was taken, atomically (write, fsync, rename) while records wait for the turn. A crash leaves the
    /// old file or the new one, each naming every intent still needed. Returns false, changing nothing, when another
    /// compaction rewrote the file since the snapshot.
    /// </summary>
    public bool Compact(JournalSnapshot snapshot, IEnumerable<string> keep)
    {
        lock (file)
        {
            if (snapshot.Generation != generation)
            {
                return false;
            }

            Sync(stream);
            byte[] since;
            using (var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                read.Position = snapshot.Length;
                since = new byte[read.Length - snapshot.Length];
                read.ReadExactly(since);
            }

            var tail = since[..(Array.LastIndexOf(since, (byte)'\n') + 1)];
            var kept = System.Text.Encoding.UTF8.GetBytes(string.Concat(keep.Select(id => id + "\n")));
            Rewrite([.. kept, .. tail]);
            return true;
        }
    }

    // Under the file lock: write aside, force to disk, then swap names, so the journal is the old file or the new one.
    private void Rewrite(byte[] content)
    {
        var temporary = path + ".tmp";
        using (var rewritten = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            BeforeRewrite?.Invoke(rewritten);
            rewritten.Write(content);
            Sync(rewritten);
        }

        stream.Dispose();
        File.Move(temporary, path, overwrite: true);
        stream = Open(path);
        generation++;
    }

    private void FlushWaiting()
    {
        while (true)
        {
            List<string> lines;
            TaskCompletionSource done;
            lock (sync)
            {
                if (waiting.Count == 0)
                {
                    flushing = false;
                    return;
                }

                (lines, waiting) = (waiting, []);
                (done, next) = (next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            try
            {
                lock (file)
                {
                    Append(lines);
                }
            }
#pragma warning disable CA1031 // The failure reaches every caller whose note was in this write; none may call the platform.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
                continue;
            }

            done.SetResult();
        }
    }

    public void Dispose()
    {
        lock (file)
        {
            stream.Dispose();
        }
    }

    /// <summary>Writes the lines and forces them to disk; a failure leaves the file to be cut back before the next write.</summary>
    private void Append(List<string> lines)
    {
        failStop.ThrowIfTripped();
        if (torn)
        {
            stream.Dispose();
            stream = Open(path);
            torn = false;
        }

        try
        {
            BeforeWrite?.Invoke(stream);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(lines.Select(id => id + "\n"))));
        }
        catch (IOException)
        {
            torn = true;
            throw;
        }

        Sync(stream);
    }

    private void Sync(FileStream target)
    {
        try
        {
            failStop.ThrowIfTripped();
            BeforeSync?.Invoke();
            var started = Stopwatch.GetTimestamp();
            target.Flush(flushToDisk: true);
            metrics?.Synced("journal", Stopwatch.GetElapsedTime(started));
            Interlocked.Exchange(ref lastSynced, Stopwatch.GetTimestamp());
        }
        catch (IOException ex) when (ex is not FailStopException)
        {
            torn = true;
            throw failStop.Trip(Path.GetFileName(path), ex);
        }
    }

    /// <summary>Opens the journal for appending, first cutting off a torn last line (a crash in the middle of a write).</summary>
    private static FileStream Open(string path)
    {
        using (var existing = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
        {
            var whole = WholeLength(existing);
            if (whole < existing.Length)
            {
                existing.SetLength(whole);
                existing.Flush(flushToDisk: true);
            }
        }

        return new(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>The length up to and with the last line end: what was written whole.</summary>
    private static long WholeLength(FileStream file)
    {
        var buffer = new byte[4096];
        for (var end = file.Length; end > 0;)
        {
            var start = Math.Max(0, end - buffer.Length);
            file.Position = start;
            file.ReadExactly(buffer, 0, (int)(end - start));
            var last = Array.LastIndexOf(buffer, (byte)'\n', (int)(end - start) - 1);
            if (last >= 0)
            {
                return start + last + 1;
            }

            end = start;
        }

        return 0;
    }
}
