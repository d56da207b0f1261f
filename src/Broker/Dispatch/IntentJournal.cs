using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// An append-only file naming each delivery just before the broker asks a platform to publish it, on disk (fsynced)
/// before the call is made. LiteDB 5 does not make a commit durable when it returns, so a "publishing" mark can vanish
/// in a crash; this record cannot. At start-up every delivery named here that is not finished is reconciled with the
/// platform, never republished blindly. Deliveries recorded at the same moment share one write and one fsync (group
/// commit): the fsync, not the bytes, is what a burst waits for.
/// </summary>
public sealed class IntentJournal : IDisposable
{
    private readonly Lock sync = new();
    private readonly Lock file = new();
    private readonly string path;
    private FileStream stream;
    private List<string> waiting = [];
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool flushing;

    public IntentJournal(IOptions<StorageOptions> options)
    {
        path = Path.GetFullPath(options.Value.DatabasePath) + ".intents";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        stream = Open(path);
    }

    /// <summary>Durably notes that delivery <paramref name="deliveryId"/> is about to reach its platform.</summary>
    /// <returns>A task that completes once the note is on disk.</returns>
    public Task RecordAsync(string deliveryId, CancellationToken cancellationToken)
    {
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

    /// <summary>Every delivery id recorded since the journal was last compacted.</summary>
    public IReadOnlySet<string> ReadAll()
    {
        lock (file)
        {
            stream.Flush(flushToDisk: true);
            return File.ReadAllLines(path).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Rewrites the journal with only <paramref name="keep"/>, atomically (write, fsync, rename).</summary>
    public void Compact(IEnumerable<string> keep)
    {
        lock (file)
        {
            var temporary = path + ".tmp";
            using (var rewritten = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                rewritten.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(keep.Select(id => id + "\n"))));
                rewritten.Flush(flushToDisk: true);
            }

            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            stream = Open(path);
        }
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
                    stream.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(lines.Select(id => id + "\n"))));
                    stream.Flush(flushToDisk: true);
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

    private static FileStream Open(string path) => new(path, FileMode.Append, FileAccess.Write, FileShare.Read);
}
