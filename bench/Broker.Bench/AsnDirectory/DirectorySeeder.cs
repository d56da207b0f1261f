using System.Globalization;
using Broker.Bench.History;
using Broker.Bench.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Bench.AsnDirectory;

/// <summary>
/// The ASN directory alone: the history bench's 40 OPDs and its ASN rows (<see cref="HistoryRows.Asn"/>, so the same
/// names and NIPs), written through the broker's own <see cref="IAsnStore.AddAllAsync"/> in chunks of 10,000. Kept under
/// <c>bench/.cache/directory-{count}/</c> so a second run reuses it (<c>--reseed</c> seeds again); each run works on a copy.
/// </summary>
internal static class DirectorySeeder
{
    private const string Stamp = "seeded.txt";

    public sealed record Seeded(string Folder, TimeSpan SeededIn, bool Reused);

    public static async Task<Seeded> EnsureAsync(int asn, bool reseed, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(RepoPaths.Root, "bench", ".cache", $"directory-{asn}");
        var stamp = Path.Combine(folder, Stamp);
        if (!reseed && File.Exists(stamp))
        {
            var took = TimeSpan.FromTicks(long.Parse(await File.ReadAllTextAsync(stamp, cancellationToken), CultureInfo.InvariantCulture));
            log.WriteLine($"  reusing the directory of {Report.Format.Count(asn)} ASN in {folder}");
            return new Seeded(folder, took, Reused: true);
        }

        log.WriteLine($"  seeding {Report.Format.Count(asn)} ASN over {HistorySize.Opds} OPDs into {folder}");
        using var scratch = new ScratchFolder("directory-seed");
        var seededIn = await SeedAsync(scratch, asn, cancellationToken);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Directory.Move(scratch.Path, folder);
        await File.WriteAllTextAsync(stamp, seededIn.Ticks.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return new Seeded(folder, seededIn, Reused: false);
    }

    /// <summary>A copy of the seeded database in a scratch folder of its own: the broker writes to it.</summary>
    public static ScratchFolder Copy(Seeded seeded)
    {
        var scratch = new ScratchFolder("directory-run");
        foreach (var file in Directory.EnumerateFiles(seeded.Folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != Stamp))
        {
            var target = Path.Combine(scratch.Path, Path.GetRelativePath(seeded.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return scratch;
    }

    private static async Task<TimeSpan> SeedAsync(ScratchFolder folder, int asn, CancellationToken cancellationToken)
    {
        var started = Clock.Timestamp;
        using (var host = StoreHost.Open(folder.Database))
        {
            var rows = new HistoryRows(HistorySize.Empty, Clock.Now);
            var opds = host.Services.GetRequiredService<IOpdStore>();
            for (var o = 0; o < HistorySize.Opds; o++)
            {
                await opds.TryAddAsync(HistoryRows.Opd(o, rows.Start), cancellationToken);
            }

            var directory = host.Services.GetRequiredService<IAsnStore>();
            foreach (var chunk in Enumerable.Range(0, asn).Chunk(10_000))
            {
                await directory.AddAllAsync([.. chunk.Select(rows.Asn)], cancellationToken);
            }
        }

        // Disposing the stores closed the database (LiteDB: its last checkpoint), which belongs to the seeding.
        return Clock.Since(started);
    }
}
