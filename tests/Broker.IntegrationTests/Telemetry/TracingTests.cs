using System.Collections.Concurrent;
using System.Diagnostics;
using Broker.IntegrationTests.Infrastructure;
using Broker.Telemetry;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>The dispatch span and the adapter's HTTP calls under it, as a tracing backend would receive them.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_dispatch_is_one_span_tagged_with_its_delivery_and_outcome_whose_children_are_the_platform_calls()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BrokerActivities.SourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var approved = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(id, "published");
        var deliveryId = approved["deliveries"]![0]!.Str("id");

        // Other tests run meanwhile and are heard too: this delivery's span is picked by its id.
        var dispatch = await Eventually.WaitAsync(
            () => Task.FromResult(stopped.FirstOrDefault(a => a.Source.Name == BrokerActivities.SourceName && Equals(a.GetTagItem("broker.delivery.id"), deliveryId))),
            span => span is not null,
            "the dispatch span to end");
        var calls = stopped.Where(a => a.Source.Name == "System.Net.Http" && a.ParentSpanId == dispatch!.SpanId).ToList();

        Assert.Equal("published", dispatch!.GetTagItem("broker.outcome"));
        Assert.Equal("facebook", dispatch.GetTagItem("broker.platform"));
        Assert.Equal(fb, dispatch.GetTagItem("broker.account.id"));
        Assert.Equal(id, dispatch.GetTagItem("broker.item.id"));
        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.Equal(dispatch.TraceId, call.TraceId));
        Assert.Contains(calls, call => call.GetTagItem("url.full") is string url && url.StartsWith(scenario.Sandbox.GraphBaseUrl.ToString(), StringComparison.Ordinal));
    }
}
