using Broker.Storage.PostgreSql;
using Npgsql;

namespace Broker.Migration;

/// <summary>One value read from PostgreSQL: a count, a yes or no.</summary>
internal static class PgScalar
{
    public static async Task<T> ReadAsync<T>(PgDatabase database, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = database.Command(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
