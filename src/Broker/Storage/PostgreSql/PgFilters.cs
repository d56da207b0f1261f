using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>Conditions the stores share, written with positional parameters added to the command's.</summary>
internal static class PgFilters
{
    /// <summary>
    /// <paramref name="column"/> from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); a null
    /// bound is no bound. PostgreSQL keeps times to the microsecond and Npgsql sends bounds cut to the microsecond too.
    /// </summary>
    public static string Period(string column, DateTimeOffset? from, DateTimeOffset? to, NpgsqlParameterCollection parameters)
    {
        var conditions = new List<string> { "true" };
        if (from is { } start)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start.ToUniversalTime() });
            conditions.Add($"{column} >= ${parameters.Count}");
        }

        if (to is { } end)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = end.ToUniversalTime() });
            conditions.Add($"{column} < ${parameters.Count}");
        }

        return string.Join(" AND ", conditions);
    }
}
