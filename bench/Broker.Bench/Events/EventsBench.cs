using System.Net.Http.Json;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Events;

/// <summary>
/// Section "events": the dispatch burst (N deliveries due at once, one item each, so 2N events: delivery.published and
/// item.published) run twice: with no webhook subscription (every event still written to the outbox in its state change
/// and handed to the webhook consumer, which finds no one to send it to), then with one subscription that wants every
/// event, each sent signed to a receiver on loopback. Measured: the broker's CPU per delivery from the due moment until
/// all are published and (second run) all webhooks received; against the dispatch section's figure before events
/// existed (BENCHMARKS.md).
/// </summary>
internal static class EventsBench
{
    private const string Section = "events";
    private static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(20);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var n = settings.Scale.DispatchCounts.Max();
        var quiet = await BurstAsync(n, webhooks: false, settings, log, cancellationToken);
        var sent = await BurstAsync(n, webhooks: true, settings, log, cancellationToken);
        var label = $"{Format.Count(n)} due at once ({Format.Count(2 * n)} events)";
        return
        [
            Figure.Info(Section, label + ": broker CPU per delivery, events to the outbox, no subscriber", Format.Millis(quiet.CpuPerDelivery), $"published in {Format.Seconds(quiet.Elapsed)}"),
            Figure.Info(Section, label + ": broker CPU per delivery, every event a signed webhook", Format.Millis(sent.CpuPerDelivery), $"{Format.Count(sent.Webhooks)} webhooks in {Format.Seconds(sent.Elapsed)}"),
            Figure.Info(Section, "  added by sending the webhooks, per delivery", Format.Millis(sent.CpuPerDelivery - quiet.CpuPerDelivery), "2 webhooks per delivery"),
        ];
    }

    private sealed record Run(TimeSpan CpuPerDelivery, TimeSpan Elapsed, int Webhooks);

    private static async Task<Run> BurstAsync(int n, bool webhooks, BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        await using var sink = await WebhookSink.StartAsync();
        var extra = new Dictionary<string, string>
        {
            ["Webhooks__HttpAllowedHosts__0"] = "127.0.0.1",
            ["Webhooks__AllowedAddresses__0"] = "127.0.0.1",
        };
        await using var scenario = await BrokerScenario.PrepareAsync(
            "events", n, took => new DuePlan(Clock.Now + (took * 1.5) + StartMargin, TimeSpan.Zero, n), settings.Scale.PlatformLatencyMs, cancellationToken, extra);
        var due = scenario.Seed.Due.First;
        await scenario.StartAsync(cancellationToken);
        if (webhooks)
        {
            using var made = await scenario.Broker.Client.PostAsJsonAsync(new Uri("/api/webhooks", UriKind.Relative), new { url = sink.Url.ToString() }, cancellationToken);
            made.EnsureSuccessStatusCode();
        }

        if (Clock.Now > due)
        {
            log.WriteLine("  warning: the broker was ready only after the burst was due");
        }

        await Clock.WaitUntilAsync(due - TimeSpan.FromMilliseconds(20), cancellationToken);
        var started = Clock.Timestamp;
        var cpu = scenario.Broker.CpuTime();
        await scenario.WaitUntilAllPublishedAsync(n, settings.Scale.WaitCap, cancellationToken);
        if (webhooks)
        {
            await Clock.PollAsync(() => Task.FromResult(sink.Received >= 2 * n), TimeSpan.FromMilliseconds(50), settings.Scale.WaitCap, cancellationToken);
        }

        var used = scenario.Broker.CpuTime() - cpu;
        var elapsed = Clock.Since(started);
        var census = await scenario.StopAndCountAsync(cancellationToken);
        log.WriteLine($"  {(webhooks ? "with" : "without")} a webhook subscriber: {census.Summary}; {sink.Received:N0} webhooks received; {Format.Seconds(elapsed)}");
        return new Run(used / Math.Max(n, 1), elapsed, sink.Received);
    }
}
