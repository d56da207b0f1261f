using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Engagement;

/// <summary>Posts an OPD makes on its accounts without the broker, imported on a moved clock.</summary>
public sealed class NativePostTests
{
    [Fact]
    public async Task Native_posts_are_imported_once_and_the_brokers_own_post_is_never_counted_as_native()
    {
        await using var world = await EngagementWorld.StartAsync();
        var (facebook, _, x) = await world.Scenario.CreateCentralAccountsAsync();
        await world.PublishAsync("diskominfo", [facebook]);
        var sandbox = world.Scenario.Sandbox.State;
        sandbox.AddNativePost("facebook", "1000001", "Senam pagi bersama warga di alun-alun");
        sandbox.AddNativePost("x", "2244994945", "Info lalu lintas: jalan protokol ditutup sementara");

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        var natives = await Eventually.WaitAsync(world.NativesAsync, n => n.Count == 2, "the two native posts to be imported");
        Assert.Equal(["Senam pagi bersama warga di alun-alun", "Info lalu lintas: jalan protokol ditutup sementara"], natives.OrderBy(n => n.Platform).Select(n => n.Excerpt));
        Assert.All(natives, n => Assert.Equal("diskominfo", n.Opd));
        Assert.DoesNotContain(natives, n => n.AccountId == facebook && sandbox.Posts("facebook").First().Id == n.PlatformPostId);

        world.Clock.Advance(TimeSpan.FromMinutes(61));
        await Eventually.WaitAsync(
            () => world.Store.GetAccountAsync(x, CancellationToken.None), s => s?.LastImportAt >= world.Clock.GetUtcNow().AddMinutes(-1), "a second import");
        Assert.Equal(2, (await world.NativesAsync()).Count);

        var report = await world.Scenario.Api.GetJsonAsync("/api/reports/engagement");
        var opd = Assert.Single(report["opds"]!.AsArray())!;
        Assert.Equal(1, opd["brokerPosts"]!.GetValue<int>());
        Assert.Equal(2, opd["nativePosts"]!.GetValue<int>());
        var activity = await world.Scenario.Api.GetJsonAsync("/api/reports/opd-activity");
        Assert.Equal(3, Assert.Single(activity["opds"]!.AsArray())!["postsLast7Days"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_not_updating_flag_clears_when_an_opd_posts_natively()
    {
        await using var world = await EngagementWorld.StartAsync();
        await world.Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await world.Scenario.CreateAccountAsync("dinkes", "instagram", "1784000009");
        Assert.True(await NotUpdatingAsync(world));

        world.Scenario.Sandbox.State.AddNativePost("instagram", "1784000009", "Jadwal vaksinasi pekan ini");
        world.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.WaitAsync(world.NativesAsync, n => n.Count == 1, "the native post to be imported");

        Assert.False(await NotUpdatingAsync(world));
    }

    private static async Task<bool> NotUpdatingAsync(EngagementWorld world)
    {
        JsonNode report = await world.Scenario.Api.GetJsonAsync("/api/reports/opd-activity");
        return Assert.Single(report["opds"]!.AsArray())!["notUpdating"]!.GetValue<bool>();
    }
}
