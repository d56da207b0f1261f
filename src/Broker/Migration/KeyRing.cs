using System.Xml.Linq;
using Broker.Hosting;
using Broker.Storage.PostgreSql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Migration;

/// <summary>
/// The Data Protection key ring (the XML key files under <c>DataProtection:KeysPath</c>), without which stored
/// credentials and signed-in cookies no longer open. Copied into <c>data_protection_keys</c> when the database has that
/// table (the broker then reads its key ring from there); each file is one row named after the file, as the file system
/// repository names its keys, and a key already there is left alone.
/// </summary>
internal static class KeyRing
{
    private const string Table = "data_protection_keys";

    /// <summary>The key ring's folder, resolved as the broker resolves it.</summary>
    public static string FolderOf(IConfiguration configuration) => KeyRingOptions.FolderOf(configuration);

    /// <summary>Copies the key files; the count of keys on both sides, or null when the database keeps no key ring.</summary>
    public static async Task<MigrationCount?> CopyAsync(string folder, PgDatabase target, TextWriter output, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.xml") : [];
        var kept = await PgScalar.ReadAsync<bool>(target, "SELECT to_regclass($1) IS NOT NULL", cancellationToken, Value(Table));
        if (!kept)
        {
            await output.WriteLineAsync(
                $"  Data Protection key ring: not copied ({files.Length} key files in {folder}): this database keeps no key ring, so the broker " +
                "keeps reading it from DataProtection:KeysPath on PostgreSQL too. Keep that folder and that setting.");
            return null;
        }

        var copied = 0;
        foreach (var file in files)
        {
            var xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
            copied += await target.ExecuteAsync(
                $"INSERT INTO {Table} (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", cancellationToken, Value(Path.GetFileNameWithoutExtension(file)), Value(xml));
        }

        await output.WriteLineAsync($"  Data Protection key ring: {files.Length} key files in {folder} read, {copied} copied");
        var names = files.Select(Path.GetFileNameWithoutExtension).ToArray();
        var there = await PgScalar.ReadAsync<long>(target, $"SELECT count(*) FROM {Table} WHERE name = ANY($1)", cancellationToken, Value(names));
        return new MigrationCount("Data Protection keys", files.Length, there);
    }
}
