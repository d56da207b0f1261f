using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Broker.IntegrationTests.Cluster;

/// <summary>Readiness on the clustered store: the scheduler must run and reach its job store.</summary>
public sealed class SchedulerReadinessTests
{
    [Fact]
    public async Task A_node_whose_scheduler_cannot_read_its_job_store_is_unready_and_says_so_until_the_store_is_back()
    {
        var database = await PostgresServer.CreateDatabaseAsync("ready");
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
        });
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.WaitAsync(() => scenario.Api.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the node to be ready");

        // The scheduler's cluster table gone from under it: what Quartz reads to know the nodes.
        await SqlAsync(database, "ALTER TABLE qrtz_scheduler_state RENAME TO qrtz_scheduler_state_away");
        HttpResponseMessage unready;
        try
        {
            unready = await scenario.Api.GetAsync("/health/ready");
        }
        finally
        {
            await SqlAsync(database, "ALTER TABLE qrtz_scheduler_state_away RENAME TO qrtz_scheduler_state");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        var check = JsonNode.Parse(await unready.Content.ReadAsStringAsync())!["checks"]!["scheduler"]!;
        Assert.Equal("Unhealthy", check.Str("status"));
        Assert.Contains("job store cannot be reached", check.Str("description"), StringComparison.Ordinal);
        Assert.Equal(SchedulerStatus.Running, await scheduler.GetStatus());
        await Eventually.WaitAsync(() => scenario.Api.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness to come back");
    }

    private static async Task SqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
