using Broker.Feeds;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>Feed subscriptions in <c>feed_subscriptions</c> (0160_feed_subscriptions.sql); updates are compare-and-set on <c>version</c>.</summary>
internal sealed class PgFeedSubscriptionStore(PgDatabase database) : IFeedSubscriptionStore
{
    public Task AddAsync(FeedSubscription subscription, CancellationToken cancellationToken) => database.ExecuteAsync(
        "INSERT INTO feed_subscriptions (id, version, key, opd, next_poll_at, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        cancellationToken,
        Row(subscription, subscription.Version));

    public Task<FeedSubscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM feed_subscriptions WHERE id = $1", ReadOne, cancellationToken, Value(id));

    public Task<IReadOnlyList<FeedSubscription>> ListAsync(string? opd, CancellationToken cancellationToken) => opd is null
        ? database.ListAsync("SELECT version, doc FROM feed_subscriptions ORDER BY created_at, id", ReadOne, cancellationToken)
        : database.ListAsync("SELECT version, doc FROM feed_subscriptions WHERE opd = $1 ORDER BY created_at, id", ReadOne, cancellationToken, Value(opd));

    public Task<IReadOnlyList<FeedSubscription>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => database.ListAsync(
        "SELECT version, doc FROM feed_subscriptions WHERE next_poll_at <= $1 ORDER BY next_poll_at, id LIMIT $2", ReadOne, cancellationToken, Time(now), Value(limit));

    public async Task<bool> UpdateAsync(FeedSubscription subscription, CancellationToken cancellationToken)
    {
        var parameters = Row(subscription, subscription.Version + 1);
        var updated = await database.ExecuteAsync(
            "UPDATE feed_subscriptions SET version = $2, key = $3, opd = $4, next_poll_at = $5, created_at = $6, doc = $7 WHERE id = $1 AND version = $8",
            cancellationToken,
            [.. parameters, Value(subscription.Version)]);
        if (updated == 0)
        {
            return false;
        }

        subscription.Version++;
        return true;
    }

    public async Task<bool> DeleteAsync(string id, long version, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM feed_subscriptions WHERE id = $1 AND version = $2", cancellationToken, Value(id), Value(version)) == 1;

    private static NpgsqlParameter[] Row(FeedSubscription subscription, long version)
    {
        var stored = subscription.Version;
        subscription.Version = version;
        try
        {
            return
            [
                Value(subscription.Id),
                Value(version),
                Value(subscription.Key),
                Value(subscription.Opd),
                Time(subscription.NextPollAt),
                Time(subscription.CreatedAt),
                Document(subscription, PgJsonContext.Default.FeedSubscription),
            ];
        }
        finally
        {
            subscription.Version = stored;
        }
    }

    private static FeedSubscription ReadOne(NpgsqlDataReader reader)
    {
        var subscription = Read(reader, 1, PgJsonContext.Default.FeedSubscription);
        subscription.Version = reader.GetInt64(0);
        return subscription;
    }
}
