using Broker.Engagement;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Engagement;

/// <summary>A sandbox and a broker on one moved clock, with the read-back sweeps ticking every minute of it.</summary>
internal sealed class EngagementWorld : IAsyncDisposable
{
    private readonly bool plansReadings;

    private EngagementWorld(Scenario scenario, FakeTimeProvider clock, bool plansReadings)
    {
        Scenario = scenario;
        Clock = clock;
        this.plansReadings = plansReadings;
    }

    public Scenario Scenario { get; }

    public FakeTimeProvider Clock { get; }

    public IEngagementStore Store => Scenario.Broker.Services.GetRequiredService<IEngagementStore>();

    public static async Task<EngagementWorld> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var enabled = true;
        var scenario = await Scenario.StartAsync(clock, settings =>
        {
            settings["Engagement:Enabled"] = "true";
            settings["Engagement:SweepInterval"] = "00:01:00";
            settings["Engagement:NativeInterval"] = "01:00:00";
            configure?.Invoke(settings);
            enabled = bool.Parse(settings["Engagement:Enabled"]!);
        });
        return new EngagementWorld(scenario, clock, enabled);
    }

    /// <summary>
    /// Submits and approves an item due in a minute, moves the clock there and waits until it is published. Instagram
    /// polls its container on the clock, so the clock is nudged a second at a time (at most half a minute) meanwhile.
    /// Returns once the item's metrics readings are planned.
    /// </summary>
    public async Task<string> PublishAsync(string opd, string[] accounts, string title = "Posyandu keliling")
    {
        var photo = await Scenario.UploadPhotoAsync();
        var item = await Scenario.SubmitItemAsync(opd, accounts, [photo], title: title, publishAt: Clock.GetUtcNow().AddMinutes(1));
        await Scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var nudges = 0;
        var published = await Eventually.WaitAsync(
            async () =>
            {
                if (nudges++ < 30)
                {
                    Clock.Advance(TimeSpan.FromSeconds(1));
                }

                return await Scenario.ItemAsync(item);
            },
            i => i.Str("status") == "published",
            $"item {item} to be published");

        // The readings are planned from the outbox, after the publish: on a busy machine that can come after the test
        // moves the clock on, and a sweep that ran before them would not run again until the clock moves once more.
        var deliveries = plansReadings ? published["deliveries"]!.AsArray().Select(d => d!.Str("id")).ToList() : [];
        await Eventually.WaitAsync(ReadsAsync, reads => deliveries.All(d => reads.Any(r => r.DeliveryId == d)), $"the readings of item {item} to be planned");
        return item;
    }

    public Task<IReadOnlyList<MetricsRead>> ReadsAsync() =>
        Store.ListReadsAsync(Clock.GetUtcNow().AddDays(-30), Clock.GetUtcNow().AddDays(1), CancellationToken.None);

    public Task<IReadOnlyList<MetricsRead>> WaitForReadsAsync(Func<IReadOnlyList<MetricsRead>, bool> done, string what) =>
        Eventually.WaitAsync(ReadsAsync, done, what);

    public Task<IReadOnlyList<NativePost>> NativesAsync() =>
        Store.ListNativeAsync(Clock.GetUtcNow().AddDays(-30), Clock.GetUtcNow().AddDays(1), null, CancellationToken.None);

    /// <summary>The insights calls the sandbox saw for <paramref name="platform"/>.</summary>
    public int InsightCalls(string platform) => Scenario.Sandbox.State.RequestsFor(platform, "/insights").Count;

    public ValueTask DisposeAsync() => Scenario.DisposeAsync();
}
