using Broker.Guardrails;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgElectionPeriodStore(PgDatabase database) : IElectionPeriodStore
{
    public Task<ElectionPeriod?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM election_periods WHERE id = $1", ReadPeriod, cancellationToken, Value(id));

    public Task<IReadOnlyList<ElectionPeriod>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT version, doc FROM election_periods ORDER BY starts_at, id", ReadPeriod, cancellationToken);

    public Task AddAsync(ElectionPeriod period, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO election_periods (id, version, starts_at, ends_at, doc) VALUES ($1, $2, $3, $4, $5)", cancellationToken, Row(period));

    public async Task<bool> TryReplaceAsync(ElectionPeriod period, CancellationToken cancellationToken)
    {
        var won = await database.ExecuteAsync(
            "UPDATE election_periods SET version = version + 1, starts_at = $3, ends_at = $4, doc = $5 WHERE id = $1 AND version = $2",
            cancellationToken,
            Row(period)) == 1;
        if (won)
        {
            period.Version++;
        }

        return won;
    }

    private static NpgsqlParameter[] Row(ElectionPeriod period) =>
        [Value(period.Id), Value(period.Version), Time(period.StartsAt), Time(period.EndsAt), Document(period, PgJsonContext.Default.ElectionPeriod)];

    private static ElectionPeriod ReadPeriod(NpgsqlDataReader reader)
    {
        var period = Read(reader, 1, PgJsonContext.Default.ElectionPeriod);
        period.Version = reader.GetInt64(0);
        return period;
    }
}
