using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// Quartz holds wake-ups only for deliveries due within the scheduling window; the others wait until the window reaches
/// them (and are found again in the store after a restart). Proved with a real Quartz scheduler and a real LiteDB file
/// on a moved clock.
/// </summary>
public sealed class SchedulingWindowTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_delivery_due_beyond_the_window_has_no_wake_up_until_the_window_reaches_it_then_is_published_once()
    {
        await using var world = await WindowWorld.StartAsync();
        var due = world.Clock.GetUtcNow() + TimeSpan.FromMinutes(30);
        var id = await world.ApproveAsync("Kabar jauh hari", due);
        Assert.Null(await world.TriggerAsync(id));

        // The horizon is 10 minutes ahead and moves 2.5 minutes a step: it reaches the due time at the eighth step.
        for (var step = 1; step < 8; step++)
        {
            await world.StepAsync();
            Assert.Null(await world.TriggerAsync(id));
        }

        await world.StepAsync();
        var trigger = await world.TriggerAsync(id);
        Assert.NotNull(trigger);
        Assert.Equal(due, trigger.StartTimeUtc);
        Assert.Equal("scheduled", (await world.DeliveryAsync(id)).Str("status"));
        Assert.Empty(world.Scenario.Sandbox.State.Posts("facebook"));

        while (world.Clock.GetUtcNow() < due)
        {
            await world.StepAsync();
        }

        await world.WaitForDeliveryAsync(id, "published");
        await world.StepAsync();
        await world.StepAsync();
        Assert.Single(world.Scenario.Sandbox.State.Posts("facebook"));
        Assert.Equal(1, (await world.DeliveryAsync(id))["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deliveries_due_around_the_edges_of_the_window_are_each_published_exactly_once()
    {
        await using var world = await WindowWorld.StartAsync();
        var first = world.Scheduler.Horizon!.Value;
        Assert.Equal(world.Clock.GetUtcNow() + WindowWorld.Window, first);
        var second = first + WindowWorld.Step;

        // The store keeps times to the millisecond, cut down: an item to be published 0.1 or 0.6 ms after the edge is
        // due on it.
        var cases = new (string Title, DateTimeOffset PublishAt, DateTimeOffset Due)[]
        {
            ("Kasus A", first - Millisecond, first - Millisecond),
            ("Kasus B", first, first),
            ("Kasus C", first + TimeSpan.FromTicks(1_000), first),
            ("Kasus D", first + TimeSpan.FromTicks(6_000), first),
            ("Kasus E", first + Millisecond, first + Millisecond),
            ("Kasus F", second, second),
            ("Kasus G", second + Millisecond, second + Millisecond),
        };
        var ids = new List<string>();
        foreach (var (title, publishAt, due) in cases)
        {
            var id = await world.ApproveAsync(title, publishAt);
            Assert.Equal(due, DateTimeOffset.Parse((await world.DeliveryAsync(id)).Str("dueAt"), System.Globalization.CultureInfo.InvariantCulture));
            ids.Add(id);
        }

        foreach (var horizon in new[] { first, second, second + WindowWorld.Step })
        {
            Assert.Equal(horizon, world.Scheduler.Horizon);
            for (var i = 0; i < cases.Length; i++)
            {
                Assert.True((cases[i].Due <= horizon) == (await world.TriggerAsync(ids[i]) is not null), $"{cases[i].Title} at horizon {horizon:O}");
            }

            await world.StepAsync();
        }

        while (world.Clock.GetUtcNow() <= second + Millisecond)
        {
            await world.StepAsync();
        }

        foreach (var id in ids)
        {
            await world.WaitForDeliveryAsync(id, "published");
        }

        await world.StepAsync();
        var posts = world.Scenario.Sandbox.State.Posts("facebook");
        Assert.Equal(cases.Length, posts.Count);
        Assert.All(cases, c => Assert.Single(posts, p => p.Text!.Contains(c.Title, StringComparison.Ordinal)));
        foreach (var id in ids)
        {
            Assert.Equal(1, (await world.DeliveryAsync(id))["attempts"]!.GetValue<int>());
            await Eventually.WaitAsync(() => world.TriggerAsync(id), t => t is null, "the fired wake-up to be gone");
        }
    }

    [Fact]
    public async Task A_retry_due_beyond_the_window_leaves_the_scheduler_and_comes_back_with_the_window_then_publishes_once()
    {
        await using var world = await WindowWorld.StartAsync(s => s["Delivery:FirstRetryDelay"] = "00:30:00");
        world.Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Http503));
        var id = await world.ApproveAsync("Dicoba lagi nanti", world.Clock.GetUtcNow());

        var retrying = await world.WaitForDeliveryAsync(id, "retrying");
        var retryAt = DateTimeOffset.Parse(retrying.Str("dueAt"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retryAt > world.Scheduler.Horizon, $"the retry at {retryAt:O} is beyond the window");
        await Eventually.WaitAsync(() => world.TriggerAsync(id), t => t is null, "the fired wake-up to be gone");

        while (world.Scheduler.Horizon < retryAt + TimeSpan.FromMilliseconds(1))
        {
            Assert.Null(await world.TriggerAsync(id));
            await world.StepAsync();
        }

        // The store keeps the retry time to the millisecond; the wake-up has it exactly.
        var trigger = await world.TriggerAsync(id);
        Assert.NotNull(trigger);
        Assert.InRange(trigger.StartTimeUtc - retryAt, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Equal("retrying", (await world.DeliveryAsync(id)).Str("status"));

        while (world.Clock.GetUtcNow() < retryAt)
        {
            await world.StepAsync();
        }

        var published = await world.WaitForDeliveryAsync(id, "published");
        Assert.Equal(2, published["attempts"]!.GetValue<int>());
        Assert.Single(world.Scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task Deliveries_cancelled_inside_and_beyond_the_window_are_never_published()
    {
        await using var world = await WindowWorld.StartAsync();
        var start = world.Clock.GetUtcNow();
        var within = await world.ApproveAsync("Batal dekat", start + TimeSpan.FromMinutes(5));
        var beyond = await world.ApproveAsync("Batal jauh", start + TimeSpan.FromMinutes(40));
        Assert.NotNull(await world.TriggerAsync(within));
        Assert.Null(await world.TriggerAsync(beyond));

        await world.Scenario.Api.PostExpectAsync($"/api/deliveries/{within}/cancel", null, 200);
        await world.Scenario.Api.PostExpectAsync($"/api/deliveries/{beyond}/cancel", null, 200);
        Assert.Null(await world.TriggerAsync(within));

        while (world.Clock.GetUtcNow() < start + TimeSpan.FromMinutes(45))
        {
            await world.StepAsync();
            Assert.Null(await world.TriggerAsync(beyond));
        }

        Assert.Equal("cancelled", (await world.DeliveryAsync(within)).Str("status"));
        Assert.Equal("cancelled", (await world.DeliveryAsync(beyond)).Str("status"));
        Assert.Empty(world.Scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task After_a_restart_a_delivery_beyond_the_window_is_found_in_the_store_and_waits_for_the_window_then_publishes_once()
    {
        await using var world = await WindowWorld.StartAsync();
        var due = world.Clock.GetUtcNow() + TimeSpan.FromMinutes(20);
        var id = await world.ApproveAsync("Sesudah mulai ulang", due);

        await world.Scenario.Broker.RestartAsync();
        Assert.Equal(world.Clock.GetUtcNow() + WindowWorld.Window, world.Scheduler.Horizon);
        Assert.Null(await world.TriggerAsync(id));

        while (world.Scheduler.Horizon < due)
        {
            await world.StepAsync();
        }

        Assert.Equal(due, (await world.TriggerAsync(id))?.StartTimeUtc);
        while (world.Clock.GetUtcNow() < due)
        {
            await world.StepAsync();
        }

        await world.WaitForDeliveryAsync(id, "published");
        await world.StepAsync();
        Assert.Single(world.Scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task Deliveries_moved_beyond_the_window_in_one_call_lose_their_wake_ups_and_the_last_time_named_for_one_wins()
    {
        await using var world = await WindowWorld.StartAsync();
        var (soon, far) = (world.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), world.Clock.GetUtcNow() + TimeSpan.FromMinutes(40));
        await world.Scheduler.ScheduleAsync([new("moved", soon), new("in-then-out", soon)], CancellationToken.None);
        Assert.NotNull(await world.TriggerAsync("moved"));

        await world.Scheduler.ScheduleAsync(
            [new("moved", far), new("out-then-in", far), new("out-then-in", soon), new("in-then-out", soon), new("in-then-out", far)],
            CancellationToken.None);

        Assert.Null(await world.TriggerAsync("moved"));
        Assert.Null(await world.TriggerAsync("in-then-out"));
        Assert.Equal(soon, (await world.TriggerAsync("out-then-in"))?.StartTimeUtc);
    }
}
