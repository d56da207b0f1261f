using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// The online backup of a LiteDB install: a consistent copy of the database (<see cref="BrokerDatabase.CopyTo"/>), of
/// the intent journal, and of the Data Protection key ring (without which the copy's credentials cannot be read), into a new folder
/// <c>backups/{time}</c> under the data folder. The place is never taken from a request; an operator moves the folder
/// elsewhere afterwards. The folder appears under its final name only when it is complete.
/// </summary>
internal sealed partial class LiteDbBackup(BrokerDatabase database, IConfiguration configuration, TimeProvider time, ILogger<LiteDbBackup> logger)
{
    public const string FolderName = "backups";

    /// <summary>Where backups go: <c>backups</c> beside the database file.</summary>
    public string Root => Path.Combine(Path.GetDirectoryName(database.FilePath)!, FolderName);

    public Task<BackupTaken> TakeAsync(CancellationToken cancellationToken) => Task.Run(() => Take(), cancellationToken);

    private BackupTaken Take()
    {
        var takenAt = time.GetUtcNow();
        var partial = Directory.CreateDirectory(Path.Combine(Root, $".partial-{Guid.NewGuid():N}")).FullName;
        try
        {
            var bytes = database.CopyTo(Path.Combine(partial, Path.GetFileName(database.FilePath)));

            // After the database: an intent is on disk before its delivery's publishing mark is committed, so every
            // delivery publishing in the copy finds its intent in this copy of the journal, for reconciliation on restore.
            var journal = database.FilePath + ".intents";
            if (File.Exists(journal))
            {
                File.Copy(journal, Path.Combine(partial, Path.GetFileName(journal)));
            }

            CopyKeys(Path.Combine(partial, "keys"));
            var folder = Publish(partial, takenAt);
            Log.Taken(logger, folder, bytes);
            return new BackupTaken(Path.GetFileName(folder), folder, bytes, takenAt);
        }
        catch
        {
            Directory.Delete(partial, recursive: true);
            throw;
        }
    }

    private void CopyKeys(string target)
    {
        var keys = KeyRingOptions.FolderOf(configuration);
        Directory.CreateDirectory(target);
        if (Directory.Exists(keys))
        {
            foreach (var key in Directory.GetFiles(keys, "*.xml"))
            {
                File.Copy(key, Path.Combine(target, Path.GetFileName(key)));
            }
        }
    }

    // Named by the time it was taken; two taken in the same millisecond get a suffix, never each other's folder.
    private string Publish(string partial, DateTimeOffset takenAt)
    {
        var name = takenAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            var folder = Path.Combine(Root, n == 1 ? name : $"{name}-{n}");
            try
            {
                Directory.Move(partial, folder);
                return folder;
            }
            catch (IOException) when (Directory.Exists(folder))
            {
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7121, LogLevel.Information, "Backed the database up to {Folder} ({Bytes} bytes, with the key ring)")]
        public static partial void Taken(ILogger logger, string folder, long bytes);
    }
}
