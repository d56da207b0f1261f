using System.Globalization;
using Broker.Dispatch;
using Broker.IntegrationTests.Infrastructure;
using Broker.Reports;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Reports;

/// <summary>
/// The reports read from the daily figures give what they give from the raw rows (<see cref="ReportWorld"/>'s month):
/// every day computed, the finished work archived, a delivery changed after its day was computed, and that day computed
/// again; a recompute cut off before it stored its figures leaves the day dirty for the next round.
/// </summary>
public sealed class DailyFigureReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static readonly DateTimeOffset T0 = ReportWorld.T0;

    private static readonly string[] Paths =
    [
        "/api/reports/delivery-health",
        "/api/reports/opd-activity",
        "/api/reports/two-hour-rule",
        "/api/reports/delivery-health?opd=dishub",
        $"/api/reports/delivery-health?from={Iso(T0.AddDays(-20).AddHours(-5))}&to={Iso(T0.AddDays(-1).AddHours(3))}",
        $"/api/reports/opd-activity?from={Iso(T0.AddDays(-15).AddHours(7))}&to={Iso(T0.AddDays(-9).AddHours(-2))}",
        "/api/reports/opd-activity?from=2026-10-25&to=2026-11-01",
        "/api/reports/two-hour-rule?opd=dinkes",
        $"/api/reports/two-hour-rule?from={Iso(T0.AddDays(-21).AddHours(5))}&to={Iso(T0.AddDays(-1).AddHours(-3))}",
    ];

    private IServiceProvider Services => world.Scenario.Broker.Services;

    private IDailyFigureStore Figures => Services.GetRequiredService<IDailyFigureStore>();

    private LocalDays Days => Services.GetRequiredService<LocalDays>();

    [Fact]
    public async Task Reports_from_the_figures_equal_the_raw_rows_through_archiving_a_later_status_change_and_its_recompute()
    {
        var (first, last) = (Days.DayOf(T0.AddDays(-45)), Days.DayOf(T0.AddDays(2)));
        var all = Enumerable.Range(0, last.DayNumber - first.DayNumber).Select(first.AddDays).ToList();

        // Every day dirty: the reports read nothing but raw rows.
        await Figures.MarkDirtyAsync(all, CancellationToken.None);
        var raw = await ReadAsync();
        Assert.Contains("\"published\":2", raw[0], StringComparison.Ordinal);
        Assert.Contains("\"met\":", raw[2], StringComparison.Ordinal);

        await ComputeAllAsync();
        Assert.Equal(all.Count, (await Figures.ListCleanDaysAsync(first, last, CancellationToken.None)).Count);
        Assert.NotEmpty(await Figures.ListAsync(first, last, CancellationToken.None));
        Assert.Equal(raw, await ReadAsync());

        // Archived work is still counted, from the figures and from the raw rows of the partial days alike.
        var moved = await Services.GetRequiredService<IArchiveStore>().ArchiveAsync(T0.AddDays(1), null, 100, CancellationToken.None);
        Assert.True(moved.Deliveries > 0);
        Assert.Equal(raw, await ReadAsync());

        // A delivery that changes after its day was computed: the day is dirty, read raw until computed again.
        var held = Assert.Single(await Figures.ListFirstDueAsync(T0.AddDays(-30), T0, [DeliveryStatus.Held], CancellationToken.None));
        held.Status = DeliveryStatus.Failed;
        Assert.True(await Services.GetRequiredService<IStateChanges>().CommitAsync(new StateChange().Update(held), CancellationToken.None));
        Assert.DoesNotContain(Days.DayOf(held.ScheduledAt), await Figures.ListCleanDaysAsync(first, last, CancellationToken.None));
        var changed = await ReadAsync();
        var dishub = (await world.Editor.GetJsonAsync("/api/reports/delivery-health"))["accounts"]!.AsArray().Single(a => a!.Str("accountId") == world.DishubFacebook)!;
        Assert.Equal((2, 1, 1, 0), (dishub["deliveries"]!.GetValue<int>(), dishub["published"]!.GetValue<int>(), dishub["failed"]!.GetValue<int>(), dishub["held"]!.GetValue<int>()));

        // A recompute cut off after reading its rows (a crash, a stop) stored nothing and cleared nothing.
        var dirty = await Figures.ListDirtyAsync(10, CancellationToken.None);
        Assert.Contains(dirty, d => d.Day == Days.DayOf(held.ScheduledAt));
        _ = await Figures.ListFirstDueAsync(Days.StartOf(dirty[0].Day), Days.StartOf(dirty[0].Day.AddDays(1)), null, CancellationToken.None);
        Assert.Equal(dirty, await Figures.ListDirtyAsync(10, CancellationToken.None));

        await ComputeAllAsync();
        Assert.Equal(all.Count, (await Figures.ListCleanDaysAsync(first, last, CancellationToken.None)).Count);
        Assert.Equal(changed, await ReadAsync());
    }

    private async Task ComputeAllAsync()
    {
        for (var dirty = await Figures.ListDirtyAsync(500, CancellationToken.None); dirty.Count > 0; dirty = await Figures.ListDirtyAsync(500, CancellationToken.None))
        {
            foreach (var day in dirty)
            {
                await DailyFigureSweep.ComputeAsync(Figures, Days, day, CancellationToken.None);
            }
        }
    }

    private async Task<List<string>> ReadAsync()
    {
        var answers = new List<string>();
        foreach (var path in Paths)
        {
            answers.Add((await world.Editor.GetJsonAsync(path)).ToJsonString());
        }

        return answers;
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}
