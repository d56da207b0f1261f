using Broker.Events;
using Broker.Webhooks;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Webhook subscriptions on LiteDB; their messages are the collection of <see cref="LiteDbWebhookMessages"/>.</summary>
internal sealed class LiteDbWebhookStore : LiteDbCollection<WebhookSubscription>, IWebhookStore
{
    public const string Name = "webhooks";

    private readonly LiteDbWebhookMessages messages;
    private readonly ILiteCollection<BsonDocument> documents;
    private readonly OutboxSignal signal;

    public LiteDbWebhookStore(BrokerDatabase database, LiteDbWebhookMessages messages, OutboxSignal signal)
        : base(database, Name)
    {
        this.messages = messages;
        this.signal = signal;
        documents = database.Collection<BsonDocument>(Name);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await FindAsync(_ => true)).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];

    public new Task<bool> UpdateAsync(WebhookSubscription subscription, CancellationToken cancellationToken) => UpdateAsync(subscription, [], cancellationToken);

    public async Task<bool> UpdateAsync(WebhookSubscription subscription, IReadOnlyCollection<DomainEvent> raised, CancellationToken cancellationToken)
    {
        var won = await LiteDbVersions.UpdateAsync(Database, documents, subscription, subscription.Id, subscription.Version, () => subscription.Version++, raised);
        if (won && raised.Count > 0)
        {
            signal.Notify();
        }

        return won;
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken) => Database.WriteAsync(() =>
    {
        documents.Delete(id);
        messages.DeleteOf(id);
    });

    public Task EnqueueAsync(IReadOnlyCollection<WebhookMessage> queued, CancellationToken cancellationToken) => messages.EnqueueAsync(queued);

    public Task<WebhookMessage?> GetMessageAsync(string id, CancellationToken cancellationToken) => messages.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<WebhookMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => messages.ListDueAsync(now, limit);

    public Task<IReadOnlyList<WebhookMessage>> ListMessagesAsync(string subscriptionId, int limit, CancellationToken cancellationToken) =>
        messages.ListOfAsync(subscriptionId, limit);

    public Task<bool> SaveMessageAsync(WebhookMessage message, CancellationToken cancellationToken) => messages.SaveAsync(message);

    public Task<IReadOnlySet<string>> SaveMessagesAsync(IReadOnlyCollection<WebhookMessage> saved, CancellationToken cancellationToken) => messages.SaveAllAsync(saved);
}
