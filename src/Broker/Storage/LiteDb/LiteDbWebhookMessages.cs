using Broker.Webhooks;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Webhook messages on LiteDB, indexed by what the sender and the attempt log look for.</summary>
internal sealed class LiteDbWebhookMessages : LiteDbCollection<WebhookMessage>
{
    public const string Name = "webhook_messages";

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbWebhookMessages(BrokerDatabase database)
        : base(database, Name)
    {
        Index(m => m.SubscriptionId);
        Index(m => m.Status);
        documents = database.Collection<BsonDocument>(Name);
    }

    public Task EnqueueAsync(IReadOnlyCollection<WebhookMessage> queued)
    {
        var mapper = Database.Database.Mapper;
        var made = queued.Select(mapper.ToDocument).ToList();
        return Database.WriteAsync(() =>
        {
            foreach (var document in made.Where(d => documents.FindById(d["_id"]) is null))
            {
                documents.Insert(document);
            }
        });
    }

    public Task<IReadOnlyList<WebhookMessage>> ListDueAsync(DateTimeOffset now, int limit)
    {
        // The pending ones are few; the delivered and failed ones pile up and are never read here.
        var due = Collection.Find(Query.EQ(nameof(WebhookMessage.Status), nameof(WebhookMessageStatus.Pending)))
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .ThenBy(m => m.Sequence)
            .Take(limit);
        return Task.FromResult<IReadOnlyList<WebhookMessage>>([.. due]);
    }

    public async Task<IReadOnlyList<WebhookMessage>> ListOfAsync(string subscriptionId, int limit) =>
        [.. (await FindAsync(m => m.SubscriptionId == subscriptionId))
            .Where(m => m.SubscriptionId == subscriptionId)
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Take(limit)];

    public Task<bool> SaveAsync(WebhookMessage message) =>
        LiteDbVersions.UpdateAsync(Database, documents, message, message.Id, message.Version, () => message.Version++);

    /// <summary>Each message over its version, all in one writer's turn (one group commit, one fsync); the ids written.</summary>
    public async Task<IReadOnlySet<string>> SaveAllAsync(IReadOnlyCollection<WebhookMessage> messages)
    {
        var mapper = Database.Database.Mapper;
        var made = messages.Select(m => (m.Id, m.Version, Document: mapper.ToDocument(m))).ToList();
        foreach (var (_, version, document) in made)
        {
            document[nameof(WebhookMessage.Version)] = version + 1;
        }

        var written = await Database.WriteAsync(() => made
            .Where(m => documents.FindById(m.Id) is { } stored && Exact(stored["_id"], m.Id) && stored[nameof(WebhookMessage.Version)].AsInt64 == m.Version
                && documents.Update(m.Document))
            .Select(m => m.Id)
            .ToHashSet(StringComparer.Ordinal));
        foreach (var message in messages.Where(m => written.Contains(m.Id)))
        {
            message.Version++;
        }

        return written;
    }

    /// <summary>In the caller's write turn: removes a subscription's messages.</summary>
    public void DeleteOf(string subscriptionId) => documents.DeleteMany(Query.EQ(nameof(WebhookMessage.SubscriptionId), subscriptionId));
}
