using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Storage.PostgreSql;

/// <summary>The few ways the PostgreSQL stores talk to the database: parameters, documents, reads, and duplicate keys.</summary>
internal static class PgCommands
{
    /// <summary>PostgreSQL's <c>unique_violation</c>.</summary>
    private const string UniqueViolation = "23505";

    public static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    /// <summary>A time as PostgreSQL's <c>timestamptz</c> takes it: in UTC (Npgsql refuses other offsets).</summary>
    public static NpgsqlParameter<DateTime> Time(DateTimeOffset value) => new() { TypedValue = value.UtcDateTime };

    public static NpgsqlParameter<string> Document<T>(T entity, JsonTypeInfo<T> type) =>
        new() { TypedValue = JsonSerializer.Serialize(entity, type), NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter<string[]> Documents<T>(IEnumerable<T> entities, JsonTypeInfo<T> type) =>
        new() { TypedValue = [.. entities.Select(e => JsonSerializer.Serialize(e, type))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    public static NpgsqlParameter<string?> Nullable(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    public static T Read<T>(NpgsqlDataReader reader, int ordinal, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), type)
        ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is null.");

    public static NpgsqlCommand Command(this PgDatabase database, string sql, params NpgsqlParameter[] parameters)
    {
        var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static async Task<T?> FirstAsync<T>(this PgDatabase database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
        where T : class
    {
        await using var command = database.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    public static async Task<IReadOnlyList<T>> ListAsync<T>(this PgDatabase database, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = database.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(read(reader));
        }

        return found;
    }

    /// <summary>Runs a write; a duplicate key becomes the <see cref="DuplicateKeyException"/> every provider throws.</summary>
    public static async Task<int> ExecuteAsync(this PgDatabase database, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = database.Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (IsDuplicate(ex))
        {
            throw Duplicate(ex);
        }
    }

    public static bool IsDuplicate(PostgresException exception) => exception.SqlState == UniqueViolation;

    public static DuplicateKeyException Duplicate(PostgresException exception) =>
        new($"Already stored: a row of {exception.TableName} with the same key ({exception.ConstraintName}).", exception);
}
