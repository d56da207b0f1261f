using Broker.IntegrationTests.Infrastructure;
using Broker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// A broker with a ten-minute scheduling window on a moved clock (starting on a whole second, so every horizon is
/// known), one OPD and one Facebook Page. The window moves every 2.5 minutes of the clock; <see cref="StepAsync"/> moves
/// the clock by exactly that and waits until the feed has moved the horizon.
/// </summary>
internal sealed class WindowWorld(Scenario scenario, FakeTimeProvider clock, string account) : IAsyncDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan Step = Window / 4;

    public Scenario Scenario { get; } = scenario;

    public FakeTimeProvider Clock { get; } = clock;

    public string Account { get; } = account;

    public QuartzDeliveryScheduler Scheduler => Scenario.Broker.Services.GetRequiredService<QuartzDeliveryScheduler>();

    public static async Task<WindowWorld> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var clock = new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
        var scenario = await Scenario.StartAsync(clock, s =>
        {
            s["Scheduling:Window"] = "00:10:00";
            configure?.Invoke(s);
        });
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        return new WindowWorld(scenario, clock, account);
    }

    /// <summary>Submits and approves an item for the Page due at <paramref name="publishAt"/>; returns its delivery's id.</summary>
    public async Task<string> ApproveAsync(string title, DateTimeOffset publishAt)
    {
        var id = await Scenario.SubmitItemAsync("diskominfo", [Account], title: title, publishAt: publishAt);
        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        return (await Scenario.ItemAsync(id))["deliveries"]![0]!.Str("id");
    }

    /// <summary>Moves the clock by one feed interval and waits for the feed that tick starts to move the horizon.</summary>
    public async Task StepAsync()
    {
        Clock.Advance(Step);
        var expected = Clock.GetUtcNow() + Window;
        await Eventually.WaitAsync(() => Task.FromResult(Scheduler.Horizon), h => h == expected, $"the horizon to reach {expected:O}");
    }

    /// <summary>The delivery's Quartz wake-up, or null when the scheduler holds none for it.</summary>
    public async Task<ITrigger?> TriggerAsync(string deliveryId)
    {
        var scheduler = await Scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(new TriggerKey(deliveryId, "deliveries"));
    }

    public Task<System.Text.Json.Nodes.JsonNode> DeliveryAsync(string deliveryId) => Scenario.Api.GetJsonAsync($"/api/deliveries/{deliveryId}");

    public Task<System.Text.Json.Nodes.JsonNode> WaitForDeliveryAsync(string deliveryId, string status) =>
        Eventually.WaitAsync(() => DeliveryAsync(deliveryId), d => d.Str("status") == status, $"delivery {deliveryId} to be {status}");

    public ValueTask DisposeAsync() => Scenario.DisposeAsync();
}
