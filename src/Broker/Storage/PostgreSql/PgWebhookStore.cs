using Broker.Events;
using Broker.Webhooks;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>Webhook subscriptions and messages on PostgreSQL (migration 0101); updates are compare-and-set on <c>version</c>.</summary>
internal sealed class PgWebhookStore(PgDatabase database, OutboxSignal signal) : IWebhookStore
{
    private const string MessageColumns = "SELECT version, doc FROM webhook_messages";

    public Task AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO webhooks (id, version, created_at, doc) VALUES ($1, $2, $3, $4)",
            cancellationToken,
            Value(subscription.Id),
            Value(subscription.Version),
            Time(subscription.CreatedAt),
            Document(subscription, PgJsonContext.Default.WebhookSubscription));

    public Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM webhooks WHERE id = $1", ReadSubscription, cancellationToken, Value(id));

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT version, doc FROM webhooks ORDER BY created_at, id", ReadSubscription, cancellationToken);

    public async Task<bool> UpdateAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var next = subscription.Version + 1;
        var updated = await database.ExecuteAsync(
            "UPDATE webhooks SET version = $3, doc = $4 WHERE id = $1 AND version = $2",
            cancellationToken,
            Value(subscription.Id),
            Value(subscription.Version),
            Value(next),
            Document(subscription, PgJsonContext.Default.WebhookSubscription));
        if (updated == 1)
        {
            subscription.Version = next;
        }

        return updated == 1;
    }

    // One batch, one transaction: the compare-and-set aborts it (broker_expect_one) before the events' rows are written.
    public async Task<bool> UpdateAsync(WebhookSubscription subscription, IReadOnlyCollection<DomainEvent> raised, CancellationToken cancellationToken)
    {
        if (raised.Count == 0)
        {
            return await UpdateAsync(subscription, cancellationToken);
        }

        await using var batch = database.DataSource.CreateBatch();
        var update = new NpgsqlBatchCommand("""
            WITH changed AS (UPDATE webhooks SET version = version + 1, doc = $3 WHERE id = $1 AND version = $2 RETURNING 1)
            SELECT broker_expect_one(count(*)) FROM changed
            """);
        update.Parameters.AddRange(new NpgsqlParameter[] { Value(subscription.Id), Value(subscription.Version), Document(subscription, PgJsonContext.Default.WebhookSubscription) });
        batch.BatchCommands.Add(update);
        batch.BatchCommands.Add(PgEventOutbox.Insert(raised));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PgStateChanges.Stale)
        {
            return false;
        }

        subscription.Version++;
        signal.Notify();
        return true;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM webhook_messages WHERE subscription_id = $1") { Parameters = { Value(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM webhooks WHERE id = $1") { Parameters = { Value(id) } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task EnqueueAsync(IReadOnlyCollection<WebhookMessage> messages, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            INSERT INTO webhook_messages (id, version, subscription_id, status, next_attempt_at, created_at, doc, sequence)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[], $8::bigint[])
            ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken,
            Value(messages.Select(m => m.Id).ToArray()),
            Value(messages.Select(m => m.Version).ToArray()),
            Value(messages.Select(m => m.SubscriptionId).ToArray()),
            Value(messages.Select(m => m.Status.ToString()).ToArray()),
            Value(messages.Select(m => m.NextAttemptAt.UtcDateTime).ToArray()),
            Value(messages.Select(m => m.CreatedAt.UtcDateTime).ToArray()),
            Documents(messages, PgJsonContext.Default.WebhookMessage),
            Value(messages.Select(m => m.Sequence).ToArray()));

    public Task<WebhookMessage?> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync(MessageColumns + " WHERE id = $1", ReadMessage, cancellationToken, Value(id));

    public Task<IReadOnlyList<WebhookMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            MessageColumns + " WHERE status = 'Pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, sequence LIMIT $2",
            ReadMessage,
            cancellationToken,
            Time(now),
            Value(limit));

    public Task<IReadOnlyList<WebhookMessage>> ListMessagesAsync(string subscriptionId, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            MessageColumns + " WHERE subscription_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
            ReadMessage,
            cancellationToken,
            Value(subscriptionId),
            Value(limit));

    public async Task<bool> SaveMessageAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var next = message.Version + 1;
        var updated = await database.ExecuteAsync(
            "UPDATE webhook_messages SET version = $3, status = $4, next_attempt_at = $5, doc = $6 WHERE id = $1 AND version = $2",
            cancellationToken,
            Value(message.Id),
            Value(message.Version),
            Value(next),
            Value(message.Status.ToString()),
            Time(message.NextAttemptAt),
            Document(message, PgJsonContext.Default.WebhookMessage));
        if (updated == 1)
        {
            message.Version = next;
        }

        return updated == 1;
    }

    public async Task<IReadOnlySet<string>> SaveMessagesAsync(IReadOnlyCollection<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return new HashSet<string>();
        }

        var written = (await database.ListAsync(
            """
            UPDATE webhook_messages m SET version = m.version + 1, status = u.status, next_attempt_at = u.next_attempt_at, doc = u.doc
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::jsonb[]) AS u(id, version, status, next_attempt_at, doc)
            WHERE m.id = u.id AND m.version = u.version
            RETURNING m.id
            """,
            r => r.GetString(0),
            cancellationToken,
            Value(messages.Select(m => m.Id).ToArray()),
            Value(messages.Select(m => m.Version).ToArray()),
            Value(messages.Select(m => m.Status.ToString()).ToArray()),
            Value(messages.Select(m => m.NextAttemptAt.UtcDateTime).ToArray()),
            Documents(messages, PgJsonContext.Default.WebhookMessage))).ToHashSet(StringComparer.Ordinal);
        foreach (var message in messages.Where(m => written.Contains(m.Id)))
        {
            message.Version++;
        }

        return written;
    }

    private static WebhookSubscription ReadSubscription(NpgsqlDataReader reader)
    {
        var subscription = Read(reader, 1, PgJsonContext.Default.WebhookSubscription);
        subscription.Version = reader.GetInt64(0);
        return subscription;
    }

    private static WebhookMessage ReadMessage(NpgsqlDataReader reader)
    {
        var message = Read(reader, 1, PgJsonContext.Default.WebhookMessage);
        message.Version = reader.GetInt64(0);
        return message;
    }
}
