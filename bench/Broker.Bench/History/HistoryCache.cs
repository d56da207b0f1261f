using System.Globalization;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.History;

/// <summary>
/// The seeded history, kept under <c>bench/.cache/history-{scale}/</c> so that a second run reuses it (<c>--reseed</c>
/// seeds again; so does a cache older than <see cref="MaxAge"/>, whose "last week" would be long past). Each run works
/// on a copy: the broker writes to its file, and every run must start from the same one.
/// </summary>
internal sealed record HistoryCache(string Folder, DateTimeOffset SeededAt, TimeSpan SeededIn, bool Reused)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(3);

    private const string Stamp = "seeded.txt";

    /// <summary>How the seeder lays the history out; a cache seeded another way is seeded again (2: finished work archived;
    /// 3: the daily figures computed; 4: the click figures computed, which a cache of layout 3 gets in place; 5: the daily
    /// figures with their problem rows, which a cache of layout 4 gets in place).</summary>
    private const string Layout = "5";

    private const string WithoutClickFigures = "3";

    private const string WithoutProblemRows = "4";

    public static async Task<HistoryCache> EnsureAsync(HistorySize size, bool reseed, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(RepoPaths.Root, "bench", ".cache", size.Key);
        var stamp = Path.Combine(folder, Stamp);
        if (!reseed && File.Exists(stamp))
        {
            var parts = (await File.ReadAllTextAsync(stamp, cancellationToken)).Split(' ');
            var seededAt = new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero);
            if (Clock.Now - seededAt < MaxAge && parts is [_, _, WithoutClickFigures])
            {
                log.WriteLine($"  adding the click figures to the history seeded {seededAt:yyyy-MM-dd HH:mm} UTC in {folder}");
                await HistorySeeder.AddClickFiguresAsync(folder, seededAt, log, cancellationToken);
                await File.WriteAllTextAsync(stamp, $"{parts[0]} {parts[1]} {Layout}", cancellationToken);
                parts[2] = WithoutProblemRows;
            }

            if (Clock.Now - seededAt < MaxAge && parts is [_, _, WithoutProblemRows])
            {
                // Opening the stores marks every computed day dirty once (the figures' layout marker), as on an upgrade.
                log.WriteLine($"  computing the daily figures again, with their problem rows, in the history seeded {seededAt:yyyy-MM-dd HH:mm} UTC in {folder}");
                await HistorySeeder.RecomputeFiguresAsync(folder, log, cancellationToken);
                await File.WriteAllTextAsync(stamp, $"{parts[0]} {parts[1]} {Layout}", cancellationToken);
                parts[2] = Layout;
            }

            if (Clock.Now - seededAt < MaxAge && parts is [_, _, Layout])
            {
                log.WriteLine($"  reusing the history seeded {seededAt:yyyy-MM-dd HH:mm} UTC in {folder}");
                log.WriteLine($"  its indexes checked in {Report.Format.Seconds(SeededIndexes.Make(Path.Combine(folder, "broker.db")))}");
                return new HistoryCache(folder, seededAt, TimeSpan.FromTicks(long.Parse(parts[1], CultureInfo.InvariantCulture)), Reused: true);
            }
        }

        log.WriteLine($"  seeding {size.Describe()} into {folder}");
        var now = Clock.Now;
        var scratch = new ScratchFolder(size.Key);
        TimeSpan took;
        try
        {
            took = await HistorySeeder.SeedAsync(scratch, size, now, log, cancellationToken);
        }
        catch
        {
            scratch.Dispose(); // a half-seeded history is never cached
            throw;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Directory.Move(scratch.Path, folder);
        scratch.Dispose(); // nothing left to delete: the folder moved
        await File.WriteAllTextAsync(stamp, string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks} {took.Ticks} {Layout}"), cancellationToken);
        return new HistoryCache(folder, now, took, Reused: false);
    }

    /// <summary>A copy of the seeded files (database, log, key ring) in a scratch folder of its own.</summary>
    public ScratchFolder Copy()
    {
        var scratch = new ScratchFolder("history-run");
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(scratch.Path, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        OnDisk(scratch.Path);
        return scratch;
    }

    /// <summary>
    /// Every file under <paramref name="folder"/> flushed to the disk. A copy just made sits in the page cache, not yet
    /// written: the broker's first checkpoint at start flushes its data file, and that flush then wrote the whole
    /// copy (1.4 s of a full-size start was writing 5 GB). A broker restarted on its own file finds nothing to write.
    /// </summary>
    public static void OnDisk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }
}
