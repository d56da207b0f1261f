using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// An append-only file, fsynced on every write, naming each delivery just before the broker asks a platform to publish it.
/// LiteDB 5 does not make a commit durable when it returns, so a "publishing" mark can vanish in a crash; this record
/// cannot. At start-up every delivery named here that is not finished is reconciled with the platform, never republished
/// blindly.
/// </summary>
public sealed class IntentJournal : IDisposable
{
    private readonly Lock sync = new();
    private readonly string path;
    private FileStream stream;

    public IntentJournal(IOptions<StorageOptions> options)
    {
        path = Path.GetFullPath(options.Value.DatabasePath) + ".intents";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        stream = Open(path);
    }

    /// <summary>Durably notes that delivery <paramref name="deliveryId"/> is about to reach its platform.</summary>
    public void Record(string deliveryId)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(deliveryId + "\n");
        lock (sync)
        {
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Every delivery id recorded since the journal was last compacted.</summary>
    public IReadOnlySet<string> ReadAll()
    {
        lock (sync)
        {
            stream.Flush(flushToDisk: true);
            return File.ReadAllLines(path).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Rewrites the journal with only <paramref name="keep"/>, atomically (write, fsync, rename).</summary>
    public void Compact(IEnumerable<string> keep)
    {
        lock (sync)
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

    public void Dispose()
    {
        lock (sync)
        {
            stream.Dispose();
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Append, FileAccess.Write, FileShare.Read);
}
