using Broker.Events;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Webhooks;

/// <summary>
/// Sends the due webhook messages, signed per Standard Webhooks, a batch at a time: the subscriptions side by side, each
/// with a window of requests in flight, each object's messages in order (<see cref="WebhookDelivery"/>). On PostgreSQL
/// only the node that dispatches the outbox sends (<see cref="IEventOutbox.TryLeadAsync"/>).
/// </summary>
internal sealed class WebhookSender(
    IWebhookStore store,
    IEventOutbox outbox,
    WebhookDelivery delivery,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : WokenSweep(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Purpose => "A webhook sending pass";

    protected override bool RunsAtStart => true;

    protected override Task WaitForWakeAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    protected override Task<bool> RunBatchAsync(CancellationToken cancellationToken) => PassAsync(cancellationToken);

    /// <summary>Sends what is due now; true when there may be more due at once.</summary>
    public async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        if (!await outbox.TryLeadAsync(cancellationToken))
        {
            return false;
        }

        var due = await store.ListDueAsync(Time.GetUtcNow(), Batch, cancellationToken);
        await Task.WhenAll(due.GroupBy(m => m.SubscriptionId).Select(messages => delivery.SendAsync(messages.Key, [.. messages], cancellationToken)));
        return due.Count == Batch;
    }
}
