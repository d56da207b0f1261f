using Broker.IntegrationTests.Infrastructure;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.IntegrationTests.Storage;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_new_database_gets_the_broker_schema_journal_once_however_many_nodes_open_it_at_once()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new PgDatabase(connectionString, NullLogger.Instance))));

        await using var connection = await nodes[0].OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM broker_schema_versions", connection);
        var applied = (long)(await count.ExecuteScalarAsync(CancellationToken.None))!;
        var scripts = typeof(PgDatabase).Assembly.GetManifestResourceNames().Count(n => n.Contains(".PostgreSql.Migrations.", StringComparison.Ordinal));
        Assert.Equal(scripts, applied);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
