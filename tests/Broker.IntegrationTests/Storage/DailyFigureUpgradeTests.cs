using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file whose days were computed before the two-hour rule had figures of its own: the first start that knows
/// them marks each computed day dirty once, so the sweep computes it again (and a report reads it raw until then); the
/// next start marks nothing.
/// </summary>
public sealed class DailyFigureUpgradeTests
{
    [Fact]
    public async Task Days_computed_before_the_two_hour_rules_figures_are_marked_dirty_once_at_the_next_start()
    {
        using var file = new ScratchDatabase("broker-figures-upgrade-");
        var (first, second) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2));
        using (var database = file.Open())
        {
            var store = new LiteDbDailyFigureStore(database);
            await store.MarkDirtyAsync([first, second], CancellationToken.None);
            foreach (var day in await store.ListDirtyAsync(10, CancellationToken.None))
            {
                Assert.True(await store.ReplaceAsync(day, [], [], CancellationToken.None));
            }

            Assert.Equal([first, second], (await store.ListCleanDaysAsync(first, second.AddDays(1), CancellationToken.None)).Order());

            // As an earlier broker left it: the days computed, no marker.
            database.Write(() => database.Database.DropCollection("daily_events_layout"));
        }

        using (var reopened = file.Open())
        {
            var store = new LiteDbDailyFigureStore(reopened);
            Assert.Equal([first, second], (await store.ListDirtyAsync(10, CancellationToken.None)).Select(d => d.Day));
            Assert.Empty(await store.ListCleanDaysAsync(first, second.AddDays(1), CancellationToken.None));
            foreach (var day in await store.ListDirtyAsync(10, CancellationToken.None))
            {
                Assert.True(await store.ReplaceAsync(day, [], [], CancellationToken.None));
            }
        }

        using (var again = file.Open())
        {
            var store = new LiteDbDailyFigureStore(again);
            Assert.Empty(await store.ListDirtyAsync(10, CancellationToken.None));
            Assert.Equal(2, (await store.ListCleanDaysAsync(first, second.AddDays(1), CancellationToken.None)).Count);
        }
    }
}
