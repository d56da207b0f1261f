#if !ON_POSTGRESQL
using System.Diagnostics;
using Broker.Engagement;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Engagement;

/// <summary>Reading metrics stays out of publishing's way (real clock; nothing here is storage-specific).</summary>
public sealed class ReadPriorityTests
{
    private const int Readings = 300;
    private const int Burst = 15;

    [Fact]
    public async Task A_burst_of_deliveries_is_published_within_a_generous_bound_while_hundreds_of_readings_are_due()
    {
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Engagement:Enabled"] = "true";
            s["Engagement:SweepInterval"] = "00:00:01";
            s["Engagement:ImportNative"] = "false";
        });
        await scenario.CreateOpdAsync();
        var facebook = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.LatencyMilliseconds = 60;
        var now = TimeProvider.System.GetUtcNow();
        var store = scenario.Broker.Services.GetRequiredService<IEngagementStore>();
        await store.AddReadsAsync([.. Enumerable.Range(0, Readings).Select(i => Due(facebook, scenario.Sandbox.State.AddNativePost("facebook", "1000001", $"Lama {i}", now.AddHours(-2)).Id, i, now))], CancellationToken.None);
        await Eventually.WaitAsync(() => CountDoneAsync(store, now), done => done > 0, "reading to be under way");

        var clock = Stopwatch.StartNew();
        var items = new List<string>();
        for (var i = 0; i < Burst; i++)
        {
            var item = await scenario.SubmitItemAsync("diskominfo", [facebook], title: $"Berita {i}");
            await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
            items.Add(item);
        }

        foreach (var item in items)
        {
            await scenario.WaitForItemStatusAsync(item, "published");
        }

        var took = clock.Elapsed;
        var doneMeanwhile = await CountDoneAsync(store, now);
        Assert.True(took < TimeSpan.FromSeconds(20), $"the burst took {took.TotalSeconds:N1} s");
        Assert.True(doneMeanwhile < Readings, "the readings were still going on while the burst was published");
    }

    private static async Task<int> CountDoneAsync(IEngagementStore store, DateTimeOffset now) =>
        (await store.ListReadsAsync(now.AddHours(-3), now, CancellationToken.None)).Count(r => r.Status == MetricsReadStatus.Done);

    private static MetricsRead Due(string account, string postId, int index, DateTimeOffset now) => new()
    {
        Id = MetricsRead.IdOf($"old-{index}", TimeSpan.FromHours(1)),
        DeliveryId = $"old-{index}",
        ItemId = $"old-item-{index}",
        AccountId = account,
        Platform = "facebook",
        RemotePostId = postId,
        PublishedAt = now.AddHours(-2),
        AgeMinutes = 60,
        DueAt = now.AddHours(-1),
        Status = MetricsReadStatus.Due,
    };
}
#endif
