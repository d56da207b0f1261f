#if !ON_POSTGRESQL // a moved clock (see BrokerHost on Quartz's ADO.NET store); the contract suite prunes on both providers
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Events;

public sealed class OutboxPruningTests
{
    [Fact]
    public async Task Events_every_consumer_has_passed_are_deleted_once_older_than_the_retention_and_not_before()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        await using var scenario = await Scenario.StartAsync(clock, s => s["Events:Retention"] = "01:00:00");
        var outbox = scenario.Broker.Services.GetRequiredService<IEventOutbox>();
        var consumers = scenario.Broker.Services.GetServices<IEventConsumer>().Select(c => c.Name).ToList();
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        await scenario.SubmitItemAsync("diskominfo", [account]);
        var written = await Eventually.WaitAsync(() => outbox.ReadAfterAsync(OutboxPosition.Start, 100, CancellationToken.None), e => e.Count > 0, "the submission's event");
        foreach (var consumer in consumers)
        {
            await Eventually.WaitAsync(() => outbox.CursorAsync(consumer, CancellationToken.None), c => c == written[^1].Position || c.IsAfter(written[^1].Position), $"{consumer} past the event");
        }

        var pruning = scenario.Broker.Services.GetRequiredService<OutboxPruning>();
        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(0, await pruning.PruneAsync(CancellationToken.None));

        clock.Advance(OutboxPruning.Every + TimeSpan.FromMinutes(1)); // past the retention: the sweep's own round deletes them
        await Eventually.WaitAsync(() => outbox.ReadAfterAsync(OutboxPosition.Start, 100, CancellationToken.None), e => e.Count == 0, "the outbox pruned");
        Assert.NotEqual(OutboxPosition.Start, await outbox.CursorAsync(consumers[0], CancellationToken.None)); // cursors are kept
    }
}
#endif
