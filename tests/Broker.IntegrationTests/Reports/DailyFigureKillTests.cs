#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Reports;
using Broker.Sandbox;
using Broker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Broker.IntegrationTests.Reports;

/// <summary>
/// The daily figures survive SIGKILL: the broker runs as its own process, its figures recomputed every second while it
/// publishes, and is killed mid-burst and again as it finishes. Every day its file then holds as clean has the figures
/// of its raw rows, and each day left dirty is computed to them by the next round. LiteDB only: the store contract
/// covers PostgreSQL's transaction.
/// </summary>
public sealed class DailyFigureKillTests
{
    private const int Pages = 2;
    private const int ItemsPerPage = 12;

    [Fact]
    public async Task Killing_the_broker_while_it_computes_figures_leaves_no_clean_day_with_wrong_figures_and_the_marks_to_finish()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        sandbox.State.LatencyMilliseconds = 50;
        var folder = Directory.CreateTempSubdirectory("broker-figures-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new() { ["Reports__FiguresInterval"] = "00:00:01" });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(Pages, 910000);
            var due = TimeProvider.System.GetUtcNow().AddSeconds(2);
            for (var i = 0; i < Pages * ItemsPerPage; i++)
            {
                var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = $"Angka {i}", body = $"Isi {i}.", accountIds = new[] { pages[i % Pages] }, publishAt = due }, 201);
                await api.PostExpectAsync($"/api/items/{item.Str("id")}/approve", null, 200);
            }

            await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Posts("facebook").Count), n => n >= 8, "8 posts", TimeSpan.FromSeconds(60));
            await broker.KillAsync();
            await broker.StartAsync();
            await Eventually.WaitAsync(
                async () => (await api.GetAllPagesAsync("/api/items?status=published")).Count, n => n == Pages * ItemsPerPage, "every item published", TimeSpan.FromSeconds(90));
            await broker.KillAsync();
        }
        finally
        {
            await broker.KillAsync();
        }

        await AssertFiguresAsync(folder, Pages * ItemsPerPage);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task AssertFiguresAsync(string folder, int published)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(folder, "broker.db") });
        builder.Services.AddLogging();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddBrokerStorage();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IDailyFigureStore>();
            var days = host.Services.GetRequiredService<LocalDays>();
            var today = days.DayOf(TimeProvider.System.GetUtcNow());
            var (first, end) = (today.AddDays(-1), today.AddDays(2));

            foreach (var day in await store.ListCleanDaysAsync(first, end, CancellationToken.None))
            {
                Assert.Equal(await RawAsync(store, days, day), await StoredAsync(store, day));
            }

            foreach (var dirty in await store.ListDirtyAsync(100, CancellationToken.None))
            {
                Assert.True(await DailyFigureSweep.ComputeAsync(store, days, dirty, CancellationToken.None));
            }

            Assert.Empty(await store.ListDirtyAsync(100, CancellationToken.None));
            for (var day = first; day < end; day = day.AddDays(1))
            {
                Assert.Equal(await RawAsync(store, days, day), await StoredAsync(store, day));
            }

            var figures = await store.ListAsync(first, end, CancellationToken.None);
            Assert.Equal((published, published), (figures.Sum(f => f.Published), figures.Sum(f => f.Posts)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<List<DailyFigure>> RawAsync(IDailyFigureStore store, LocalDays days, DateOnly day)
    {
        var (start, end) = (days.StartOf(day), days.StartOf(day.AddDays(1)));
        var firstDue = await store.ListFirstDueAsync(start, end, null, CancellationToken.None);
        var posted = await store.ListPublishedAsync(start, end, CancellationToken.None);
        return [.. DailyTally.Of(day, firstDue, posted)];
    }

    private static async Task<List<DailyFigure>> StoredAsync(IDailyFigureStore store, DateOnly day) =>
        [.. (await store.ListAsync(day, day.AddDays(1), CancellationToken.None)).OrderBy(f => f.AccountId, StringComparer.Ordinal)];
}
#endif
