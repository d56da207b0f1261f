using Broker.Reports;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// The amplification report's daily figures (<see cref="IClickFigureStore"/>): a day is stored once and whole, computed only
/// after its grace, two nodes computing it at once store one copy, and the report over a period mixing stored days, days
/// not computed, today and a purged day gives what counting the clicks per day directly gives.
/// </summary>
public abstract class ClickFigureStoreContract : StoreContract
{
    private const string Ani = "199001012020121001";
    private const string Budi = "199202022020122002";
    private const string Citra = "199303032020123003";

    // The default zone is Asia/Makassar (UTC+8): day D runs from 2026-03-13T16:00Z.
    private static readonly DateOnly D = new(2026, 3, 14);

    private IClickFigureStore Figures => Get<IClickFigureStore>();

    private LocalDays Days => Get<LocalDays>();

    private DateTimeOffset At(DateOnly day, double hours) => Days.StartOf(day).AddHours(hours);

    [Fact]
    public async Task A_day_is_stored_once_whole_and_summed_per_level_over_the_days_asked_for()
    {
        ClickFigure[] first = [new(D, "dinkes", Ani, 3, 2, 1), new(D, "dinkes", "", 3, 2, 1), new(D, "", "", 3, 2, 1)];
        Assert.True(await Figures.AddAsync(D, first, CancellationToken.None));
        Assert.False(await Figures.AddAsync(D, [new(D, "dinkes", Ani, 99, 99, 99)], CancellationToken.None));
        Assert.True(await Figures.AddAsync(D.AddDays(1), [new(D, "dinkes", Ani, 1, 1, 0), new(D, "dishub", Citra, 2, 1, 1)], CancellationToken.None));
        Assert.True(await Figures.AddAsync(D.AddDays(3), [], CancellationToken.None));

        Assert.Equal([D, D.AddDays(1), D.AddDays(3)], (await Figures.ListDaysAsync(D, D.AddDays(4), CancellationToken.None)).Order());
        Assert.Equal([D.AddDays(1)], await Figures.ListDaysAsync(D.AddDays(1), D.AddDays(3), CancellationToken.None));
        var sums = await Figures.SumAsync([D, D.AddDays(1), D.AddDays(2)], null, CancellationToken.None);
        Assert.Equal(
            [("", "", 3, 2, 1), ("dinkes", "", 3, 2, 1), ("dinkes", Ani, 4, 3, 1), ("dishub", Citra, 2, 1, 1)],
            sums.OrderBy(r => r.Opd, StringComparer.Ordinal).ThenBy(r => r.Nip, StringComparer.Ordinal).Select(r => (r.Opd, r.Nip, r.Clicks, r.Visitors, r.Links)));
        Assert.Equal([("dishub", Citra, 2)], (await Figures.SumAsync([D, D.AddDays(1)], "dishub", CancellationToken.None)).Select(r => (r.Opd, r.Nip, r.Clicks)));
        Assert.Empty(await Figures.SumAsync([], null, CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_day_is_computed_only_after_its_grace_and_once()
    {
        var (links, clicks) = (Get<IShareLinkStore>(), Get<IClickStore>());
        Assert.Null(await Figures.FirstLinkAsync(CancellationToken.None));
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("AniItem1aa", Ani, "item-1", At(D.AddDays(-1), 9)), CancellationToken.None);
        await clicks.AddAllAsync([Click("AniItem1aa", 1, At(D.AddDays(-1), 10)), Click("AniItem1aa", 1, At(D.AddDays(-1), 23.9))], CancellationToken.None);
        Assert.Equal(At(D.AddDays(-1), 9), await Figures.FirstLinkAsync(CancellationToken.None));

        var clock = new FakeTimeProvider(At(D, 0).AddMinutes(14));
        var sweep = new ClickFigureDays(Figures, clicks, links, Days, Options.Create(new ReportsOptions()), NullLogger<ClickFigureDays>.Instance);
        Assert.Equal(0, await sweep.RunAsync(clock.GetUtcNow(), CancellationToken.None));
        Assert.Empty(await Figures.ListDaysAsync(D.AddDays(-7), D.AddDays(1), CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweep.RunAsync(clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await sweep.RunAsync(clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal([D.AddDays(-1)], await Figures.ListDaysAsync(D.AddDays(-7), D.AddDays(1), CancellationToken.None));
        Assert.Equal(
            [("", "", 2, 1, 1), ("dinkes", "", 2, 1, 1), ("dinkes", Ani, 2, 1, 1)],
            (await Figures.SumAsync([D.AddDays(-1)], null, CancellationToken.None)).Select(r => (r.Opd, r.Nip, r.Clicks, r.Visitors, r.Links)).Order());
    }

    [Fact]
    public async Task Two_nodes_computing_the_same_day_at_once_store_one_copy_with_the_days_counts()
    {
        var (links, clicks) = (Get<IShareLinkStore>(), Get<IClickStore>());
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("AniItem1aa", Ani, "item-1", At(D, 1)), CancellationToken.None);
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("BudiItem1a", Budi, "item-1", At(D, 1)), CancellationToken.None);
        await clicks.AddAllAsync([.. Enumerable.Range(0, 40).Select(i => Click(i % 2 == 0 ? "AniItem1aa" : "BudiItem1a", (uint)(i % 5), At(D, 2 + (i * 0.5))))], CancellationToken.None);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.Task;
            return await ClickFigureDays.ComputeAsync(Figures, clicks, links, Days, D, CancellationToken.None);
        }).ToList();
        start.SetResult();

        Assert.Single(await Task.WhenAll(racers), won => won);
        Assert.Equal(
            [("", "", 40, 5, 2), ("dinkes", "", 40, 5, 2), ("dinkes", Ani, 20, 5, 1), ("dinkes", Budi, 20, 5, 1)],
            (await Figures.SumAsync([D], null, CancellationToken.None)).Select(r => (r.Opd, r.Nip, r.Clicks, r.Visitors, r.Links)).Order());
    }

    [Fact]
    public async Task The_report_over_stored_days_uncomputed_days_today_and_a_purged_day_counts_what_the_clicks_count_per_day()
    {
        var (links, clicks, days) = (Get<IShareLinkStore>(), Get<IClickStore>(), Days);
        ShareLink[] made =
        [
            ShareLinkStoreContract.Link("AniItem1aa", Ani, "item-1", At(D.AddDays(-4), 8)),
            ShareLinkStoreContract.Link("BudiItem1a", Budi, "item-1", At(D.AddDays(-3), 8)),
            ShareLinkStoreContract.Link("AniItem2aa", Ani, "item-2", At(D.AddDays(-2), 8)),
            ShareLinkStoreContract.Link("CitraItm1a", Citra, "item-1", At(D, 1), "dishub"),
        ];
        foreach (var link in made)
        {
            await links.GetOrAddAsync(link, CancellationToken.None);
        }

        // D-4 is purged; D-3 and D-1 are stored; D-2 is not computed; D is today, read up to 12:00. Visitor 1 clicks two
        // of dinkes's links on D-3 (once in dinkes's row) and comes back on D-1 (again: once a day).
        var all = new List<Click>
        {
            Click("AniItem1aa", 1, At(D.AddDays(-4), 9)), Click("AniItem1aa", 2, At(D.AddDays(-4), 10)), Click("AniItem1aa", 1, At(D.AddDays(-4), 11)),
            Click("AniItem1aa", 1, At(D.AddDays(-3), 9)), Click("BudiItem1a", 1, At(D.AddDays(-3), 9.5)), Click("BudiItem1a", 3, At(D.AddDays(-3), 23.99)),
            Click("AniItem2aa", 4, At(D.AddDays(-2), 0.01)), Click("AniItem1aa", 4, At(D.AddDays(-2), 12)),
            Click("AniItem1aa", 1, At(D.AddDays(-1), 7)), Click("AniItem2aa", 1, At(D.AddDays(-1), 8)), Click("BudiItem1a", 2, At(D.AddDays(-1), 9)),
            Click("CitraItm1a", 1, At(D, 2)), Click("AniItem1aa", 5, At(D, 3)), Click("CitraItm1a", 6, At(D, 13)),
        };
        await clicks.AddAllAsync(all, CancellationToken.None);
        var purgedDay = D.AddDays(-4);
        Assert.Equal(3, await clicks.RollUpAsync(purgedDay, days.StartOf(purgedDay), days.StartOf(purgedDay.AddDays(1)), 100, CancellationToken.None));
        Assert.True(await ClickFigureDays.ComputeAsync(Figures, clicks, links, days, D.AddDays(-3), CancellationToken.None));
        Assert.True(await ClickFigureDays.ComputeAsync(Figures, clicks, links, days, D.AddDays(-1), CancellationToken.None));

        var report = new AmplificationReport(Figures, links, clicks, Get<IAsnStore>(), Get<IOpdStore>(), days);
        var period = new ReportPeriod(days.StartOf(D.AddDays(-4)), At(D, 12));
        var built = await report.BuildAsync(new ReportQuery(period, ReportFormat.Json, null, null), CancellationToken.None);

        var counted = all.Where(c => period.Contains(c.At)).Select(c => (Click: c, Link: made.Single(l => l.Id == c.Code), Day: days.DayOf(c.At))).ToList();
        int Unique(IEnumerable<(Click Click, ShareLink Link, DateOnly Day)> clicked) => clicked.GroupBy(c => c.Day).Sum(d => d.Select(c => c.Click.Visitor).Distinct().Count());
        Assert.Equal(new AmplificationLeaderboards.Counts(4, counted.Count, Unique(counted)), built.Totals);
        Assert.Equal(
            counted.GroupBy(c => (c.Link.Nip, c.Link.Opd)).Select(g => (g.Key.Nip, g.Key.Opd, g.Count(), Unique(g), made.Count(l => l.Nip == g.Key.Nip))).Order(),
            built.Asn.Select(a => (a.Nip, a.Opd, a.Clicks, a.Unique, a.Links)).Order());
        Assert.Equal(
            counted.GroupBy(c => c.Link.Opd).Select(g => (g.Key, g.Count(), Unique(g))).Order(),
            built.Opds.Select(o => (o.Opd, o.Clicks, o.Unique)).Order());

        var dishub = await report.BuildAsync(new ReportQuery(period, ReportFormat.Json, null, "dishub"), CancellationToken.None);
        Assert.Equal(new AmplificationLeaderboards.Counts(1, 1, 1), dishub.Totals);
        Assert.Equal([Citra], dishub.Asn.Select(a => a.Nip));
    }

    private static Click Click(string code, uint visitor, DateTimeOffset at) =>
        new(code, code.EndsWith("2aa", StringComparison.Ordinal) ? "item-2" : "item-1", 0, new UInt128(7, visitor), at);
}

public sealed class ClickFigureStoreOnLiteDb : ClickFigureStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ClickFigureStoreOnPostgreSql : ClickFigureStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
