using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// <see cref="IClickFigureStore"/> on PostgreSQL (migration 0310): a day's row in <c>click_figure_days</c> and its figures
/// in one transaction. Two nodes storing one day at once: the second's insert of the day waits on the first's, then finds
/// it and writes nothing (or, if the first rolled back, stores the day itself). The sums are made by the server.
/// </summary>
internal sealed class PgClickFigureStore(PgDatabase database) : IClickFigureStore
{
    public async Task<bool> AddAsync(DateOnly day, IReadOnlyCollection<ClickFigure> figures, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("INSERT INTO click_figure_days (day) VALUES ($1) ON CONFLICT (day) DO NOTHING", connection, transaction))
        {
            claim.Parameters.Add(Value(day));
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO click_figures (day, opd, nip, clicks, visitors, links)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
            """,
            connection,
            transaction))
        {
            insert.Parameters.Add(Value(day));
            insert.Parameters.Add(Value(figures.Select(f => f.Opd).ToArray()));
            insert.Parameters.Add(Value(figures.Select(f => f.Nip).ToArray()));
            insert.Parameters.Add(Value(figures.Select(f => f.Clicks).ToArray()));
            insert.Parameters.Add(Value(figures.Select(f => f.Visitors).ToArray()));
            insert.Parameters.Add(Value(figures.Select(f => f.Links).ToArray()));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlySet<DateOnly>> ListDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await database.ListAsync(
            "SELECT day FROM click_figure_days WHERE day >= $1 AND day < $2", r => r.GetFieldValue<DateOnly>(0), cancellationToken, Value(from), Value(to))).ToHashSet();

    public async Task<IReadOnlyList<ClickFigure>> SumAsync(IReadOnlyCollection<DateOnly> days, string? opd, CancellationToken cancellationToken) =>
        days.Count == 0
            ? []
            : await database.ListAsync(
                """
                SELECT opd, nip, sum(clicks)::integer, sum(visitors)::integer, sum(links)::integer FROM click_figures
                WHERE day = ANY($1) AND ($2::text IS NULL OR opd = $2) GROUP BY opd, nip
                """,
                r => new ClickFigure(default, r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)),
                cancellationToken,
                Value(days.Distinct().ToArray()),
                Nullable(opd));

    public async Task<DateTimeOffset?> FirstLinkAsync(CancellationToken cancellationToken) =>
        (await database.ListAsync(
            "SELECT min(created_at) FROM share_links", r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), cancellationToken))[0];
}
