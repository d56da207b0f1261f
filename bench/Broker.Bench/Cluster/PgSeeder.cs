using Broker.Accounts;
using Broker.Bench.Infrastructure;
using Broker.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Bench.Cluster;

/// <summary>
/// The PostgreSQL twin of <see cref="Seeder"/>: the same OPD, Pages, items and deliveries, written through the broker's
/// PostgreSQL stores (<see cref="PgDatabase"/> applies the schema first, as a node's start would) before any node
/// starts. Items go a thousand per round trip, each the store's own insert; deliveries through the store's bulk insert.
/// </summary>
internal static class PgSeeder
{
    private const int ItemBatch = 1_000;
    private const int DeliveryBatch = 5_000;

    public static async Task<SeedResult> SeedAsync(
        string connectionString, Action<IDataProtectionBuilder, PgDatabase> keyRing, int deliveries, Func<TimeSpan, DuePlan> planDue, CancellationToken cancellationToken)
    {
        var now = Clock.Now;
        var accounts = BenchScale.AccountsFor(deliveries);
        await using var database = new PgDatabase(connectionString, NullLogger.Instance);
        var dataProtection = new ServiceCollection();
        keyRing(dataProtection.AddDataProtection().SetApplicationName("Broker"), database);
        await using var services = dataProtection.BuildServiceProvider();
        var protector = new CredentialProtector(services.GetRequiredService<IDataProtectionProvider>());
        await new PgOpdStore(database).TryAddAsync(new Opd { Id = SampleNews.Opd, Name = SampleNews.OpdName, CreatedAt = now }, cancellationToken);
        var accountStore = new PgAccountStore(database);
        var pageIds = new List<string>(accounts);
        for (var a = 0; a < accounts; a++)
        {
            var account = Seeder.Page(a, protector, now);
            await accountStore.AddAsync(account, cancellationToken);
            pageIds.Add(account.Id);
        }

        var before = await SizeAsync(database, cancellationToken);
        var seeding = Clock.Timestamp;
        foreach (var chunk in Enumerable.Range(0, deliveries).Chunk(ItemBatch))
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var i in chunk)
            {
                batch.BatchCommands.Add(PgItemStore.Insert(Seeder.Item(i, pageIds[i % accounts], now)));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        var afterItems = await SizeAsync(database, cancellationToken);

        // As with LiteDB: the due times are planned only now, from how long the items took, so they fall after start-up.
        var plan = planDue(Clock.Since(seeding));
        var deliveryStore = new PgDeliveryStore(database);
        foreach (var chunk in Enumerable.Range(0, deliveries).Chunk(DeliveryBatch))
        {
            await deliveryStore.AddManyAsync([.. chunk.Select(i => Seeder.Delivery(i, pageIds[i % accounts], plan.At(i), now))], cancellationToken);
        }

        var afterDeliveries = await SizeAsync(database, cancellationToken);
        return new SeedResult(deliveries, accounts, afterItems - before, afterDeliveries - afterItems, afterDeliveries, plan);
    }

    /// <summary>The database's size on disk (tables, indexes, TOAST), as <c>pg_database_size</c> counts it.</summary>
    public static async Task<long> SizeAsync(PgDatabase database, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT pg_database_size(current_database())");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
