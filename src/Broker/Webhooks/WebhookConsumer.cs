using Broker.Events;
using Broker.Storage;

namespace Broker.Webhooks;

/// <summary>
/// The outbox's webhook consumer: turns each event into one stored message per enabled subscription that wants it, and
/// wakes the sender. Sending (with its retries for up to a day) happens apart, so one slow or broken endpoint never
/// holds the outbox back; an event handed over twice makes the same messages (<see cref="WebhookMessage.IdOf"/>).
/// </summary>
internal sealed class WebhookConsumer(IWebhookStore store, WebhookSignal signal, TimeProvider time) : IEventConsumer
{
    // Ticks at start, then one per message: increasing within the process and, in practice, across restarts too.
    private long sequence = time.GetUtcNow().UtcTicks;
    public string Name => "webhooks";

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var wanting = (await store.ListAsync(cancellationToken)).Where(s => s.Wants(domainEvent.Type)).ToList();
        if (wanting.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var body = WebhookPayload.Of(domainEvent);
        var messages = wanting.Select(s => new WebhookMessage
        {
            Id = WebhookMessage.IdOf(s.Id, domainEvent.Id),
            SubscriptionId = s.Id,
            EventId = domainEvent.Id,
            EventType = domainEvent.Type,
            ObjectKey = domainEvent.ObjectType + ":" + domainEvent.ObjectId,
            Body = body,
            Sequence = Interlocked.Increment(ref sequence),
            Status = WebhookMessageStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        }).ToList();
        await store.EnqueueAsync(messages, cancellationToken);
        signal.Notify();
    }
}
