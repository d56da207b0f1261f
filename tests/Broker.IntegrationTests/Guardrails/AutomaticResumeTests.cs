#if !ON_POSTGRESQL
using Broker.Audit;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Guardrails;

/// <summary>
/// A city-wide suspension with an automatic resume, on a moved clock: deliveries wait, then go out in their order; one
/// that waited longer than Delivery:StaleAfter is held for an editor. (Moves the clock, so LiteDB only; the store
/// contract covers PostgreSQL.)
/// </summary>
public sealed class AutomaticResumeTests
{
    [Fact]
    public async Task Deliveries_wait_through_a_suspension_then_go_out_in_order_at_its_resume_time_and_stale_ones_are_held()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s =>
        {
            s["Delivery:StaleAfter"] = "00:20:00";
            s["Guardrails:ResumeCheckInterval"] = "00:00:05";
        });
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var start = clock.GetUtcNow();
        await scenario.Api.PostExpectAsync("/api/suspensions", new { scope = "city", reason = "Hari berkabung nasional", resumeAt = start.AddMinutes(30) }, 201);

        var stale = await SuspensionTests.ApproveAsync(scenario, fb, "Sudah basi");
        var first = await SuspensionTests.ApproveAsync(scenario, fb, "Pertama", start.AddMinutes(12));
        var second = await SuspensionTests.ApproveAsync(scenario, fb, "Kedua", start.AddMinutes(14));
        var later = await SuspensionTests.ApproveAsync(scenario, fb, "Sesudah jeda", start.AddMinutes(45));
        await SuspensionTests.WaitUntilWaitingAsync(scenario, stale.Delivery);
        clock.Advance(TimeSpan.FromMinutes(15));
        await SuspensionTests.WaitUntilWaitingAsync(scenario, first.Delivery);
        await SuspensionTests.WaitUntilWaitingAsync(scenario, second.Delivery);
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));

        clock.Advance(TimeSpan.FromMinutes(15)); // the resume time: the first goes now, the second a second later
        await scenario.WaitForItemStatusAsync(first.Item, "published");
        clock.Advance(TimeSpan.FromSeconds(1));
        await scenario.WaitForItemStatusAsync(second.Item, "published");
        clock.Advance(TimeSpan.FromMinutes(15));
        await scenario.WaitForItemStatusAsync(later.Item, "published");

        var posts = scenario.Sandbox.State.Posts("facebook").OrderBy(p => p.CreatedAt).Select(p => p.Text!).ToList();
        Assert.Equal(3, posts.Count);
        Assert.Contains("Pertama", posts[0], StringComparison.Ordinal);
        Assert.Contains("Kedua", posts[1], StringComparison.Ordinal);
        Assert.Contains("Sesudah jeda", posts[2], StringComparison.Ordinal);
        var held = await scenario.Api.GetJsonAsync($"/api/deliveries/{stale.Delivery}");
        Assert.Equal("held", held.Str("status"));
        Assert.StartsWith("Stale: ", held.Str("error"), StringComparison.Ordinal);
        Assert.Contains("suspended", held.Str("error"), StringComparison.Ordinal);
        Assert.Equal("deliveryReason.staleWhileSuspended", held.Str("errorCode"));
        var resumed = (await scenario.Broker.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None))
            .Single(e => e.Action == "publishing.resumed");
        Assert.Equal(Auditor.System, resumed.Actor);
    }
}
#endif
