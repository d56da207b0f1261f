using Broker.Storage.PostgreSql;
using LiteDB;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Migration;

/// <summary>
/// Copies the daily click counts the retention purge left of clicks older than <c>Privacy:ClickRetention</c> (LiteDB's
/// <c>clickdays</c>, written by <c>ClickDayRollUp</c>) into <c>click_days</c>. A day already there (by day and link) is
/// left as it is, so a second run copies nothing; the raw clicks of those days are gone on both sides, so no click is
/// counted twice.
/// </summary>
internal sealed class ClickDayCopy(LiteDbSource source, PgDatabase target, TextWriter output)
{
    public const string Collection = "clickdays";

    private const int BatchSize = 1000;

    private const string Insert = """
        INSERT INTO click_days (day, code, item_id, clicks, visitors, channels) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (day, code) DO NOTHING
        """;

    public async Task CopyAsync(CancellationToken cancellationToken)
    {
        var total = source.Count(Collection);
        long read = 0, copied = 0;
        foreach (var days in source.Documents(Collection, BatchSize))
        {
            await using var connection = await target.OpenAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var day in days)
            {
                batch.BatchCommands.Add(Command(day));
            }

            var inserted = await batch.ExecuteNonQueryAsync(cancellationToken); // the rows of every statement: a day present before adds none
            (read, copied) = (read + days.Count, copied + inserted);
            await output.WriteLineAsync($"  click days: {read:N0} of {total:N0} read, {copied:N0} copied");
        }

        if (total == 0)
        {
            await output.WriteLineAsync("  click days: none");
        }
    }

    private static NpgsqlBatchCommand Command(BsonDocument day)
    {
        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.Add(Value(DateOnly.FromDayNumber(day["Day"].AsInt32)));
        command.Parameters.Add(Value(day["Code"].AsString));
        command.Parameters.Add(Value(day["ItemId"].AsString));
        command.Parameters.Add(Value(day["Clicks"].AsInt32));
        command.Parameters.Add(Value(day["Visitors"].AsInt32));
        command.Parameters.Add(Value(day["Channels"].AsArray.Select(c => c.AsInt32).ToArray()));
        return command;
    }
}
