using Broker.Access;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>Sign-in links in <c>sign_in_links</c>; a use is one conditional update, so only one of two uses at once wins.</summary>
internal sealed class PgSignInLinkStore(PgDatabase database) : ISignInLinkStore
{
    private const string Columns = "id, user_id, created_by, created_at, expires_at, used_at";

    public Task<SignInLink?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync($"SELECT {Columns} FROM sign_in_links WHERE id = $1", ReadLink, cancellationToken, Value(id));

    public async Task AddAllAsync(IReadOnlyList<SignInLink> links, CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }

        await database.ExecuteAsync(
            $"INSERT INTO sign_in_links ({Columns}) SELECT *, NULL::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])",
            cancellationToken,
            Value(links.Select(l => l.Id).ToArray()),
            Value(links.Select(l => l.UserId).ToArray()),
            Value(links.Select(l => l.CreatedBy).ToArray()),
            Value(links.Select(l => l.CreatedAt.UtcDateTime).ToArray()),
            Value(links.Select(l => l.ExpiresAt.UtcDateTime).ToArray()));
    }

    public Task<SignInLink?> TryUseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.FirstAsync(
            $"UPDATE sign_in_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING {Columns}",
            ReadLink,
            cancellationToken,
            Value(id),
            Time(now));

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM sign_in_links WHERE expires_at < $1", cancellationToken, Time(before));

    private static SignInLink ReadLink(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        UserId = reader.GetString(1),
        CreatedBy = reader.GetString(2),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        ExpiresAt = reader.GetFieldValue<DateTimeOffset>(4),
        UsedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
    };
}
