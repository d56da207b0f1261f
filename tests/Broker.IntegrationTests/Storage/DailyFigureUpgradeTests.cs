using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file whose days were computed before the two-hour rule had figures of its own, or before the delivery-health
/// report's problem rows were kept: the first start that knows them marks each computed day dirty once, so the sweep
/// computes it again (and a report reads it raw until then); the next start marks nothing.
/// </summary>
public sealed class DailyFigureUpgradeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Days_computed_before_the_two_hour_rules_figures_or_the_problem_rows_are_marked_dirty_once_at_the_next_start(bool beforeEventFigures)
    {
        using var file = new ScratchDatabase("broker-figures-upgrade-");
        var (first, second) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2));
        using (var database = file.Open())
        {
            var store = new LiteDbDailyFigureStore(database);
            await store.MarkDirtyAsync([first, second], CancellationToken.None);
            foreach (var day in await store.ListDirtyAsync(10, CancellationToken.None))
            {
                Assert.True(await store.ReplaceAsync(day, [], [], [], CancellationToken.None));
            }

            Assert.Equal([first, second], (await store.ListCleanDaysAsync(first, second.AddDays(1), CancellationToken.None)).Order());

            // As an earlier broker left it: the days computed, no marker (before the two-hour rule's figures), or the
            // two-hour rule's marker alone (before the problem rows).
            database.Write(() => _ = beforeEventFigures
                ? database.Database.DropCollection("daily_events_layout")
                : database.Database.GetCollection("daily_events_layout").Delete("problems"));
        }

        using (var reopened = file.Open())
        {
            var store = new LiteDbDailyFigureStore(reopened);
            Assert.Equal([first, second], (await store.ListDirtyAsync(10, CancellationToken.None)).Select(d => d.Day));
            Assert.Empty(await store.ListCleanDaysAsync(first, second.AddDays(1), CancellationToken.None));
            foreach (var day in await store.ListDirtyAsync(10, CancellationToken.None))
            {
                Assert.True(await store.ReplaceAsync(day, [], [], [], CancellationToken.None));
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
