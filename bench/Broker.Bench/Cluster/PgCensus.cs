using Broker.Bench.Infrastructure;
using Broker.Dispatch;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broker.Bench.Cluster;

/// <summary>What the shared database says after a run, read through the broker's PostgreSQL store once every node has stopped.</summary>
internal static class PgCensus
{
    public static async Task<Census> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var database = new PgDatabase(connectionString, NullLogger.Instance);
        var byStatus = new Dictionary<DeliveryStatus, int>();
        await using (var command = database.DataSource.CreateCommand("SELECT status, count(*) FROM deliveries GROUP BY status"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                byStatus[Enum.Parse<DeliveryStatus>(reader.GetString(0))] = (int)reader.GetInt64(1);
            }
        }

        var published = await new PgDeliveryStore(database).ListByStatusAsync([DeliveryStatus.Published], cancellationToken);
        foreach (var delivery in published)
        {
            delivery.Text = ""; // only the timing is kept, as in the LiteDB census
        }

        return new Census(byStatus, published, await PgSeeder.SizeAsync(database, cancellationToken));
    }
}
