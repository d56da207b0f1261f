using Broker.Engagement;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.Sandbox.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Engagement;

/// <summary>Reading published posts' metrics back on a moved clock (LiteDB; the store contract covers PostgreSQL).</summary>
public sealed class MetricsReadTests
{
    [Fact]
    public async Task Each_published_post_is_read_at_one_hour_then_one_day_once_per_age_and_its_numbers_grow_with_its_age()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, x) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook, x]);
        await world.WaitForReadsAsync(r => r.Count == 6, "three readings planned per delivery");

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        var hour = await world.WaitForReadsAsync(r => r.Count(d => d.AgeMinutes == 60 && d.Status == MetricsReadStatus.Done) == 2, "the one-hour readings");

        var byPlatform = hour.Where(r => r.AgeMinutes == 60).ToDictionary(r => r.Platform);
        Assert.Equal(42, byPlatform["facebook"].Values["post_total_media_view_unique"]);
        Assert.Equal(60, byPlatform["facebook"].Values["post_media_view"]);
        Assert.Equal(8, byPlatform["facebook"].Totals.Interactions); // 6 reactions, 1 comment, 1 share
        Assert.Equal(60, byPlatform["x"].Values["impression_count"]);
        Assert.Equal(60, byPlatform["x"].Totals.Reach); // X gives no reach: its impressions stand in
        Assert.All(hour.Where(r => r.AgeMinutes > 60), r => Assert.Equal(MetricsReadStatus.Due, r.Status));

        world.Clock.Advance(TimeSpan.FromHours(23));
        var day = await world.WaitForReadsAsync(r => r.Count(d => d.AgeMinutes == 1440 && d.Status == MetricsReadStatus.Done) == 2, "the one-day readings");
        Assert.All(day.Where(r => r.AgeMinutes == 1440), r => Assert.True(r.Totals.Views > byPlatform[r.Platform].Totals.Views, $"{r.Platform} grew"));
        Assert.All(day.Where(r => r.AgeMinutes == 10080), r => Assert.Equal(MetricsReadStatus.Due, r.Status));
        Assert.All(day.Where(r => r.Status == MetricsReadStatus.Done), r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, world.InsightCalls("facebook"));
    }

    [Fact]
    public async Task A_reading_that_came_due_while_the_broker_was_down_is_made_once_after_the_restart()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook]);
        await world.WaitForReadsAsync(r => r.Count == 3, "the readings to be planned");

        await world.Scenario.Broker.StopAsync();
        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.Scenario.Broker.RestartAsync();

        var reads = await world.WaitForReadsAsync(r => r.Any(d => d.Status == MetricsReadStatus.Done), "the missed reading after the restart");
        Assert.Equal(MetricsReadStatus.Done, reads.Single(r => r.AgeMinutes == 60).Status);
        Assert.Equal(world.Clock.GetUtcNow(), reads.Single(r => r.AgeMinutes == 60).ReadAt);
        Assert.Equal(1, world.InsightCalls("facebook"));
    }

    [Fact]
    public async Task Of_several_passes_racing_for_one_due_reading_one_reads_it()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook]);
        await world.WaitForReadsAsync(r => r.Count == 3, "the readings to be planned");
        var reader = world.Scenario.Broker.Services.GetRequiredService<MetricsReader>();

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        var read = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => reader.ReadDueAsync(CancellationToken.None))));
        var reads = await world.WaitForReadsAsync(r => r.Any(d => d.Status == MetricsReadStatus.Done), "the reading");

        Assert.True(read.Sum() <= 1, $"passes that read: {string.Join(", ", read)}");
        Assert.Equal(1, reads.Single(r => r.AgeMinutes == 60).Attempts);
        Assert.Equal(1, world.InsightCalls("facebook"));
    }

    [Fact]
    public async Task A_metric_the_platform_retired_is_skipped_and_logged_once_and_the_others_are_read()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        world.Scenario.Sandbox.State.RetireMetric("post_media_view");
        await world.PublishAsync("diskominfo", [facebook]);

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        var read = (await world.WaitForReadsAsync(r => r.Any(d => d.Status == MetricsReadStatus.Done), "the one-hour reading")).Single(r => r.Status == MetricsReadStatus.Done);

        Assert.Equal(["post_media_view"], read.Skipped);
        Assert.False(read.Values.ContainsKey("post_media_view"));
        Assert.Equal(42, read.Values["post_total_media_view_unique"]);
        Assert.Equal(6, read.Values["post_reactions_by_type_total"]);
        world.Clock.Advance(TimeSpan.FromHours(23));
        await world.WaitForReadsAsync(r => r.Count(d => d.Status == MetricsReadStatus.Done) == 2, "the one-day reading");
        Assert.Single(world.Scenario.Broker.Logs.Lines, l => l.Contains("insights metric post_media_view", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throttled_read_waits_for_the_time_the_platform_gives_and_then_reads_once()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook]);
        world.Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "insights", FaultKinds.RateLimit, Minutes: 30));

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        var waiting = (await world.WaitForReadsAsync(r => r.Any(d => d.AgeMinutes == 60 && d.Attempts == 0 && d.DueAt > world.Clock.GetUtcNow()), "the throttled reading to be moved"))
            .Single(r => r.AgeMinutes == 60);
        Assert.Equal(world.Clock.GetUtcNow().AddMinutes(30), waiting.DueAt);
        Assert.Equal(MetricsReadStatus.Due, waiting.Status);

        world.Clock.Advance(TimeSpan.FromMinutes(10));
        var reader = world.Scenario.Broker.Services.GetRequiredService<MetricsReader>();
        Assert.Equal(0, await reader.ReadDueAsync(CancellationToken.None));
        Assert.Equal(1, world.InsightCalls("facebook"));

        world.Clock.Advance(TimeSpan.FromMinutes(21));
        var done = await world.WaitForReadsAsync(r => r.Any(d => d.AgeMinutes == 60 && d.Status == MetricsReadStatus.Done), "the reading after the wait");
        Assert.Equal(2, world.InsightCalls("facebook"));
        Assert.Equal(1, done.Single(r => r.AgeMinutes == 60).Attempts);
    }

    // The post import's own read may go through beside the refused metrics reads: it must not lift their pause (the pause
    // logged twice on CI, December 6, was that import clearing it). The mark is the account's connection, not its
    // encrypted credentials, so a refreshed token does not lift it either.
    [Fact]
    public async Task A_token_without_insights_permission_pauses_the_account_once_shows_on_the_accounts_page_and_asks_no_more()
    {
        await using var world = await EngagementWorld.StartAsync(s => s["Engagement:MaxConcurrentReads"] = "1");
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook], "Pertama");
        await world.PublishAsync("diskominfo", [facebook], "Kedua");
        world.Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "insights", FaultKinds.Permission, Times: 10));

        world.Clock.Advance(TimeSpan.FromMinutes(61));

        // The pause is stored, then the reader's own view of it updated: between the two a pass may still make its call
        // (CI, December 6), so the calls are counted once the view that governs them has the pause.
        var account = (await world.Scenario.Broker.Services.GetRequiredService<Broker.Storage.IAccountStore>().GetAsync(facebook, CancellationToken.None))!;
        var pauses = world.Scenario.Broker.Services.GetRequiredService<EngagementPauses>();
        await Eventually.WaitAsync(
            () => pauses.PausedUntilAsync(account, world.Clock.GetUtcNow(), CancellationToken.None), until => until is not null, "the reader to see the pause");
        var state = await world.Store.GetAccountAsync(facebook, CancellationToken.None);
        var calls = world.InsightCalls("facebook");
        var reader = world.Scenario.Broker.Services.GetRequiredService<MetricsReader>();
        await reader.ReadDueAsync(CancellationToken.None);

        Assert.Contains("permission", state!.NotPermitted, StringComparison.Ordinal);
        Assert.InRange(calls, 1, 2); // a pass already under way may make its one call before the pause is stored
        Assert.Equal(calls, world.InsightCalls("facebook"));
        // The refused reading itself is recorded just after the pause is stored (under a loaded machine, after this test
        // looked: December 6), so its postponement is waited for.
        await world.WaitForReadsAsync(
            r => r.Where(d => d.AgeMinutes == 60).All(d => d.DueAt >= state.PausedUntil!.Value), "every 60-minute reading postponed to the pause's end");
        using var session = await PageSession.SignInAsync(world.Scenario, BrokerHost.AdminToken);
        var page = await (await session.GetAsync("/akun")).Content.ReadAsStringAsync();
        Assert.Contains("Metrik tidak diizinkan", page, StringComparison.Ordinal);
        Assert.Single(world.Scenario.Broker.Logs.Lines, l => l.Contains("may not read metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_that_went_through_beside_a_refused_one_leaves_the_pause_in_force_and_lifts_it_once_it_has_run_out()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, _) = await world.Scenario.CreateCentralAccountsAsync();
        var account = (await world.Scenario.Broker.Services.GetRequiredService<Broker.Storage.IAccountStore>().GetAsync(facebook, CancellationToken.None))!;
        var pauses = world.Scenario.Broker.Services.GetRequiredService<EngagementPauses>();

        await pauses.PauseAsync(account, "(#10) Requires pages_read_engagement permission", CancellationToken.None);
        await pauses.ResumedAsync(account, CancellationToken.None); // a read begun before the pause came back fine

        Assert.NotNull(await pauses.PausedUntilAsync(account, world.Clock.GetUtcNow(), CancellationToken.None));
        Assert.NotNull((await world.Store.GetAccountAsync(facebook, CancellationToken.None))!.NotPermitted);

        world.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await pauses.ResumedAsync(account, CancellationToken.None);
        Assert.Null((await world.Store.GetAccountAsync(facebook, CancellationToken.None))!.NotPermitted);
        Assert.Single(world.Scenario.Broker.Logs.Lines, l => l.Contains("may not read metrics", StringComparison.Ordinal));
    }
}
