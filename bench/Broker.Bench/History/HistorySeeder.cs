using Broker.Accounts;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Bench.History;

/// <summary>
/// Seeds a history through the broker's own stores, resolved from its own storage registration
/// (<see cref="StorageExtensions.AddBrokerStorage"/>), so the rows are what the broker writes and go wherever its
/// provider keeps them: items, their finished deliveries and audit entries through <see cref="IStateChanges"/>, a
/// hundred items with theirs per commit and a few commits at once (the group commit takes them together); the ASN
/// directory in one <see cref="IAsnStore.AddAllAsync"/>; share links one by one (each of a different ASN); clicks in
/// time order through the click store's batch insert, a hundred per batch (the click writer's batch in a busy minute).
/// </summary>
internal static class HistorySeeder
{
    private const int ItemsPerCommit = 100;

    private const int CommitsAtOnce = 4;

    private const int ClicksPerBatch = 100;

    private const int ArchivedPerBatch = 1000;

    public static async Task<TimeSpan> SeedAsync(ScratchFolder folder, HistorySize size, DateTimeOffset now, TextWriter log, CancellationToken cancellationToken)
    {
        var started = Clock.Timestamp;
        using (var host = StoreHost.Open(folder.Database))
        {
            var stores = host.Services;
            StoreHost.ResolveAll(stores);
            var rows = new HistoryRows(size, now);
            await SeedDirectoryAsync(stores, folder, rows, size, cancellationToken);
            await Step(log, "items, deliveries and audit", size.Items + size.Deliveries + size.Audit, () => SeedItemsAsync(stores.GetRequiredService<IStateChanges>(), rows, size, cancellationToken));
            await Step(log, "pending and in review", size.Pending + size.Review, () => SeedOpenWorkAsync(stores.GetRequiredService<IStateChanges>(), rows, size, cancellationToken));
            await Step(log, "share links", size.Links, () => SeedLinksAsync(stores.GetRequiredService<IShareLinkStore>(), rows, size, cancellationToken));
            await Step(log, "clicks", size.Clicks, () => SeedClicksAsync(stores.GetRequiredService<IClickStore>(), rows, size, cancellationToken));
            await ArchiveAsync(stores, now, log, cancellationToken);
            await ComputeFiguresAsync(stores, log, cancellationToken);
            await ComputeClickFiguresAsync(stores, now, log, cancellationToken);
        }

        // Disposing the stores closed the database (LiteDB: its last checkpoint), which belongs to the seeding.
        return Clock.Since(started);
    }

    /// <summary>
    /// A broker that ran all year has moved its finished work past <c>Storage:ArchiveAfter</c> (the shipped default) into
    /// the archive as it went: the seeded history is left the same way, through the same store call the archive sweep
    /// makes, so the measured broker starts on the steady state rather than spending its first round archiving a year.
    /// </summary>
    private static async Task ArchiveAsync(IServiceProvider stores, DateTimeOffset now, TextWriter log, CancellationToken cancellationToken)
    {
        if (stores.GetRequiredService<IOptions<StorageOptions>>().Value is not { Archives: true, ArchiveAfter: { } age })
        {
            return;
        }

        var archive = stores.GetRequiredService<IArchiveStore>();
        var started = Clock.Timestamp;
        var (items, deliveries) = (0L, 0L);
        PageCursor? after = null;
        do
        {
            var batch = await archive.ArchiveAsync(now - age, after, ArchivedPerBatch, cancellationToken);
            (items, deliveries, after) = (items + batch.Items, deliveries + batch.Deliveries, batch.Next);
        }
        while (after is not null);

        var took = Clock.Since(started);
        log.WriteLine($"  archived {Format.Count(items)} items and {Format.Count(deliveries)} deliveries finished over {age.TotalDays:0} days ago in {Format.Seconds(took)}");
    }

    /// <summary>
    /// The reports' daily figures as the figures sweep keeps them while the broker runs: every day the seeding marked
    /// dirty computed from its raw rows, through the sweep's own computation, so the measured broker starts with none left.
    /// </summary>
    private static async Task ComputeFiguresAsync(IServiceProvider stores, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = stores.GetRequiredService<IDailyFigureStore>();
        var days = stores.GetRequiredService<LocalDays>();
        var started = Clock.Timestamp;
        var computed = 0;
        while (await figures.ListDirtyAsync(Reports.DailyFigureSweep.BatchSize, cancellationToken) is { Count: > 0 } dirty)
        {
            foreach (var day in dirty)
            {
                computed += await Reports.DailyFigureSweep.ComputeAsync(figures, days, day, cancellationToken) ? 1 : 0;
            }
        }

        log.WriteLine($"  computed the daily figures of {Format.Count(computed)} days in {Format.Seconds(Clock.Since(started))}");
    }

    /// <summary>
    /// The amplification report's daily click figures as the figures sweep keeps them: every day from the first share
    /// link's to the last one finished at <paramref name="now"/>, through the sweep's own computation.
    /// </summary>
    public static async Task ComputeClickFiguresAsync(IServiceProvider stores, DateTimeOffset now, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = stores.GetRequiredService<IClickFigureStore>();
        var (clicks, links, days) = (stores.GetRequiredService<IClickStore>(), stores.GetRequiredService<IShareLinkStore>(), stores.GetRequiredService<LocalDays>());
        var started = Clock.Timestamp;
        var computed = 0;
        if (await figures.FirstLinkAsync(cancellationToken) is { } first)
        {
            var last = days.DayOf(now - new Reports.ReportsOptions().ClickFiguresAfter).AddDays(-1);
            for (var day = days.DayOf(first); day <= last; day = day.AddDays(1))
            {
                computed += await Reports.ClickFigureDays.ComputeAsync(figures, clicks, links, days, day, cancellationToken) ? 1 : 0;
            }
        }

        log.WriteLine($"  computed the click figures of {Format.Count(computed)} days in {Format.Seconds(Clock.Since(started))}");
    }

    /// <summary>Opens the stores on a seeded database of an older layout and computes the daily figures its opening marked dirty.</summary>
    public static async Task RecomputeFiguresAsync(string folder, TextWriter log, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Open(Path.Combine(folder, "broker.db"));
        await ComputeFiguresAsync(host.Services, log, cancellationToken);
    }

    /// <summary>Opens the stores on a seeded database of an older layout and computes its click figures.</summary>
    public static async Task AddClickFiguresAsync(string folder, DateTimeOffset now, TextWriter log, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Open(Path.Combine(folder, "broker.db"));
        await ComputeClickFiguresAsync(host.Services, now, log, cancellationToken);
    }

    private static async Task Step(TextWriter log, string what, long count, Func<Task> seed)
    {
        var started = Clock.Timestamp;
        await seed();
        var took = Clock.Since(started);
        log.WriteLine($"  seeded {Format.Count(count)} {what} in {Format.Seconds(took)} ({Format.Rate(count / Math.Max(took.TotalSeconds, 0.001))})");
    }

    private static async Task SeedDirectoryAsync(IServiceProvider stores, ScratchFolder folder, HistoryRows rows, HistorySize size, CancellationToken cancellationToken)
    {
        var opds = stores.GetRequiredService<IOpdStore>();
        var accounts = stores.GetRequiredService<IAccountStore>();
        var protector = new CredentialProtector(DataProtectionProvider.Create(new DirectoryInfo(folder.Keys), b => b.SetApplicationName("Broker")));
        for (var o = 0; o < HistorySize.Opds; o++)
        {
            await opds.TryAddAsync(HistoryRows.Opd(o, rows.Start), cancellationToken);
        }

        for (var a = 0; a < HistoryRows.Pages; a++)
        {
            await accounts.AddAsync(HistoryRows.Page(a, protector, rows.Start), cancellationToken);
        }

        var directory = stores.GetRequiredService<IAsnStore>();
        foreach (var chunk in Enumerable.Range(0, size.Asn).Chunk(10_000))
        {
            await directory.AddAllAsync([.. chunk.Select(rows.Asn)], cancellationToken);
        }
    }

    private static Task SeedItemsAsync(IStateChanges changes, HistoryRows rows, HistorySize size, CancellationToken cancellationToken)
    {
        // Where each chunk's deliveries and audit entries start numbering, worked out before the chunks run at once.
        var chunks = Enumerable.Range(0, size.Items).Chunk(ItemsPerCommit)
            .Select(chunk => (Items: chunk, Deliveries: (long)size.Deliveries * chunk[0] / size.Items, Audit: (long)size.Audit * chunk[0] / size.Items))
            .ToList();
        return Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = CommitsAtOnce, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var change = new StateChange();
            var (delivery, audit) = (chunk.Deliveries, chunk.Audit);
            foreach (var i in chunk.Items)
            {
                change.Insert(rows.Item(i));
                var deliveries = rows.Deliveries(i, delivery).ToList();
                change.Insert(deliveries);
                delivery += deliveries.Count;
                foreach (var entry in rows.AuditEntries(i, audit))
                {
                    change.Record(entry);
                    audit++;
                }
            }

            await CommitAsync(changes, change, token);
        });
    }

    private static async Task SeedOpenWorkAsync(IStateChanges changes, HistoryRows rows, HistorySize size, CancellationToken cancellationToken)
    {
        if (size.Pending + size.Review == 0)
        {
            return;
        }

        var change = new StateChange();
        for (var j = 0; j < rows.PendingItems; j++)
        {
            change.Insert(rows.Approved(j)).Insert(rows.PendingDeliveries(j));
        }

        for (var j = 0; j < size.Review; j++)
        {
            change.Insert(rows.InReview(j));
        }

        await CommitAsync(changes, change, cancellationToken);
    }

    private static async Task CommitAsync(IStateChanges changes, StateChange change, CancellationToken cancellationToken)
    {
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            throw new InvalidOperationException("The store refused a seeding commit (the rows were there already: remove the cache folder or use --reseed).");
        }
    }

    private static async Task SeedLinksAsync(IShareLinkStore links, HistoryRows rows, HistorySize size, CancellationToken cancellationToken)
    {
        var index = 0;
        for (var s = 0; s < size.Shared; s++)
        {
            for (var m = 0; m < rows.LinksOf(s); m++)
            {
                await links.GetOrAddAsync(rows.Link(s, m, index++), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Each link's clicks fall in its item's share week (more on its first days), up to now; all clicks are made first as
    /// two arrays (time, link), sorted by time, and stored in that order, as the redirect's writer stores them.
    /// </summary>
    private static async Task SeedClicksAsync(IClickStore clicks, HistoryRows rows, HistorySize size, CancellationToken cancellationToken)
    {
        var links = new List<ShareLink>(size.Links);
        for (var s = 0; s < size.Shared; s++)
        {
            for (var m = 0; m < rows.LinksOf(s); m++)
            {
                links.Add(rows.Link(s, m, links.Count));
            }
        }

        if (links.Count == 0)
        {
            return;
        }

        var ticks = new long[size.Clicks];
        var linkOf = new int[size.Clicks];
        var random = new Random(20);
        var n = 0;
        for (var l = 0; l < links.Count; l++)
        {
            var opened = links[l].CreatedAt;
            var span = Math.Min((rows.Now - opened).Ticks, HistoryRows.ShareWeek.Ticks);
            for (var c = HistoryRows.Spread(size.Clicks, links.Count, l); c > 0; c--)
            {
                var u = random.NextDouble();
                ticks[n] = opened.UtcTicks + (long)(u * u * span);
                linkOf[n++] = l;
            }
        }

        Array.Sort(ticks, linkOf);
        var batch = new List<Click>(ClicksPerBatch);
        for (var k = 0; k < n; k++)
        {
            var link = links[linkOf[k]];
            batch.Add(new Click(link.Id, link.ItemId, k % ShareChannels.All.Count, new UInt128((ulong)linkOf[k], (ulong)(k % 40)), new DateTimeOffset(ticks[k], TimeSpan.Zero)));
            if (batch.Count == ClicksPerBatch || k == n - 1)
            {
                await clicks.AddAllAsync(batch, cancellationToken);
                batch = new List<Click>(ClicksPerBatch);
            }
        }
    }
}
