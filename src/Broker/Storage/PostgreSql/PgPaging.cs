using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>Keyset pages on PostgreSQL: each list orders on (time, id), an index on both serves the range.</summary>
internal static class PgPaging
{
    /// <summary>The cursor after a row whose time is at <paramref name="ordinal"/> and id just after it.</summary>
    public static PageCursor CursorOf(NpgsqlDataReader reader, int ordinal) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc), TimeSpan.Zero), reader.GetString(ordinal + 1));
}
