using Broker.Engagement;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>The engagement store on PostgreSQL (0200_engagement.sql); readings and account states are compare-and-set on <c>version</c>.</summary>
internal sealed class PgEngagementStore(PgDatabase database) : IEngagementStore
{
    private const string ReadColumns = "SELECT version, doc FROM metrics_reads";

    public Task AddReadsAsync(IReadOnlyCollection<MetricsRead> reads, CancellationToken cancellationToken) => reads.Count == 0
        ? Task.CompletedTask
        : database.ExecuteAsync(
            """
            INSERT INTO metrics_reads (id, version, status, due_at, published_at, doc)
            SELECT r.id, r.version, r.status, r.due_at, r.published_at, r.doc
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[]) AS r(id, version, status, due_at, published_at, doc)
            ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken,
            Value(reads.Select(r => r.Id).ToArray()),
            Value(reads.Select(r => r.Version).ToArray()),
            Value(reads.Select(r => r.Status.ToString()).ToArray()),
            Value(reads.Select(r => r.DueAt.UtcDateTime).ToArray()),
            Value(reads.Select(r => r.PublishedAt.UtcDateTime).ToArray()),
            Documents(reads, PgJsonContext.Default.MetricsRead));

    public Task<MetricsRead?> GetReadAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync($"{ReadColumns} WHERE id = $1", ReadOne, cancellationToken, Value(id));

    public Task<IReadOnlyList<MetricsRead>> ListDueReadsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => database.ListAsync(
        $"{ReadColumns} WHERE status = 'Due' AND due_at <= $1 ORDER BY due_at, id LIMIT $2", ReadOne, cancellationToken, Time(now), Value(limit));

    public Task<IReadOnlyList<MetricsRead>> ListReadsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => database.ListAsync(
        $"{ReadColumns} WHERE published_at >= $1 AND published_at < $2 ORDER BY published_at, id", ReadOne, cancellationToken, Time(from), Time(to));

    public async Task<bool> UpdateReadAsync(MetricsRead read, CancellationToken cancellationToken)
    {
        var was = read.Version;
        read.Version = was + 1;
        NpgsqlParameter document;
        try
        {
            document = Document(read, PgJsonContext.Default.MetricsRead);
        }
        finally
        {
            read.Version = was;
        }

        var updated = await database.ExecuteAsync(
            "UPDATE metrics_reads SET version = $2, status = $3, due_at = $4, doc = $5::jsonb WHERE id = $1 AND version = $6",
            cancellationToken,
            Value(read.Id), Value(was + 1), Value(read.Status.ToString()), Time(read.DueAt), document, Value(was));
        if (updated == 0)
        {
            return false;
        }

        read.Version = was + 1;
        return true;
    }

    public async Task<bool> SaveNativeAsync(NativePost post, CancellationToken cancellationToken) =>
        (await database.ListAsync(
            """
            INSERT INTO native_posts (id, opd, published_at, doc) VALUES ($1, $2, $3, $4::jsonb)
            ON CONFLICT (id) DO UPDATE SET opd = EXCLUDED.opd, published_at = EXCLUDED.published_at,
                doc = EXCLUDED.doc || jsonb_build_object('FirstSeenAt', native_posts.doc -> 'FirstSeenAt')
            RETURNING xmax = 0
            """,
            r => r.GetBoolean(0),
            cancellationToken,
            Value(post.Id), Value(post.Opd), Time(post.PublishedAt), Document(post, PgJsonContext.Default.NativePost))).Single();

    public async Task<bool> DeleteNativeAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM native_posts WHERE id = $1", cancellationToken, Value(id)) == 1;

    public Task<IReadOnlyList<NativePost>> ListNativeAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken) => opd is null
        ? database.ListAsync(
            "SELECT doc FROM native_posts WHERE published_at >= $1 AND published_at < $2 ORDER BY published_at, id",
            r => Read(r, 0, PgJsonContext.Default.NativePost), cancellationToken, Time(from), Time(to))
        : database.ListAsync(
            "SELECT doc FROM native_posts WHERE published_at >= $1 AND published_at < $2 AND opd = $3 ORDER BY published_at, id",
            r => Read(r, 0, PgJsonContext.Default.NativePost), cancellationToken, Time(from), Time(to), Value(opd));

    public Task<AccountEngagement?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM account_engagement WHERE id = $1", ReadAccount, cancellationToken, Value(accountId));

    public Task<IReadOnlyList<AccountEngagement>> ListAccountsAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT version, doc FROM account_engagement ORDER BY id", ReadAccount, cancellationToken);

    public async Task<bool> SaveAccountAsync(AccountEngagement state, CancellationToken cancellationToken)
    {
        var was = state.Version;
        state.Version = was + 1;
        NpgsqlParameter document;
        try
        {
            document = Document(state, PgJsonContext.Default.AccountEngagement);
        }
        finally
        {
            state.Version = was;
        }

        var written = was == 0
            ? await database.ExecuteAsync(
                "INSERT INTO account_engagement (id, version, doc) VALUES ($1, 1, $2::jsonb) ON CONFLICT (id) DO NOTHING", cancellationToken, Value(state.Id), document)
            : await database.ExecuteAsync(
                "UPDATE account_engagement SET version = $3, doc = $2::jsonb WHERE id = $1 AND version = $4", cancellationToken, Value(state.Id), document, Value(was + 1), Value(was));
        if (written == 0)
        {
            return false;
        }

        state.Version = was + 1;
        return true;
    }

    private static MetricsRead ReadOne(NpgsqlDataReader reader)
    {
        var read = Read(reader, 1, PgJsonContext.Default.MetricsRead);
        read.Version = reader.GetInt64(0);
        return read;
    }

    private static AccountEngagement ReadAccount(NpgsqlDataReader reader)
    {
        var state = Read(reader, 1, PgJsonContext.Default.AccountEngagement);
        state.Version = reader.GetInt64(0);
        return state;
    }
}
