using Broker.Events;
using Broker.Webhooks;

namespace Broker.Storage;

/// <summary>Webhook subscriptions and their messages. Both change only over the version they were read at.</summary>
public interface IWebhookStore
{
    Task AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every subscription, oldest first (a handful: they are made by hand).</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Writes it if the stored one is still at its version, then bumps the version; false (nothing written) otherwise.</summary>
    Task<bool> UpdateAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="UpdateAsync(WebhookSubscription, CancellationToken)"/>, writing the events the change
    /// <paramref name="raised"/> to the outbox in the same commit: a refused change writes none.
    /// </summary>
    Task<bool> UpdateAsync(WebhookSubscription subscription, IReadOnlyCollection<DomainEvent> raised, CancellationToken cancellationToken);

    /// <summary>Removes the subscription and its messages.</summary>
    Task DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stores the messages not stored yet (by id) and leaves the others as they are: handing an event over twice is harmless.</summary>
    Task EnqueueAsync(IReadOnlyCollection<WebhookMessage> messages, CancellationToken cancellationToken);

    Task<WebhookMessage?> GetMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>Pending messages due at or before <paramref name="now"/>, the earliest first.</summary>
    Task<IReadOnlyList<WebhookMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>A subscription's messages, the newest first: its attempt log.</summary>
    Task<IReadOnlyList<WebhookMessage>> ListMessagesAsync(string subscriptionId, int limit, CancellationToken cancellationToken);

    /// <summary>Writes it if the stored one is still at its version, then bumps the version; false (nothing written) otherwise.</summary>
    Task<bool> SaveMessageAsync(WebhookMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SaveMessageAsync"/> for many messages in one commit: each is written if the stored one is still at its
    /// version (and its version bumped); returns the ids of those written.
    /// </summary>
    Task<IReadOnlySet<string>> SaveMessagesAsync(IReadOnlyCollection<WebhookMessage> messages, CancellationToken cancellationToken);
}
