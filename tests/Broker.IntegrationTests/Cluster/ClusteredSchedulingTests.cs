using System.Collections.Concurrent;
using Broker.Cluster;
using Broker.IntegrationTests.Infrastructure;
using Broker.Scheduling;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Broker.IntegrationTests.Cluster;

/// <summary>Quartz's clustered store as the broker configures it, with two nodes on one PostgreSQL database.</summary>
public sealed class ClusteredSchedulingTests
{
    private const int Deliveries = 300;

    [Fact]
    public async Task Two_nodes_on_one_database_fire_each_moments_wake_up_on_exactly_one_node()
    {
        var database = await PostgresServer.CreateDatabaseAsync("quartz");
        var firings = new ConcurrentQueue<(string Node, string Moment)>();
        using var first = await StartNodeAsync(database, "node-a", firings);
        using var second = await StartNodeAsync(database, "node-b", firings);

        // 300 deliveries due over three seconds: one trigger per moment of ClusteredDeliveryScheduler.Resolution.
        var start = TimeProvider.System.GetUtcNow().AddSeconds(2);
        var due = Enumerable.Range(0, Deliveries).Select(i => new DueDelivery($"delivery-{i}", start.AddMilliseconds(i * 10))).ToList();
        var moments = due.Select(d => ClusteredDeliveryScheduler.KeyFor(d.DueAt).Name).ToHashSet();
        await first.Services.GetRequiredService<ClusteredDeliveryScheduler>().ScheduleAsync(due, CancellationToken.None);

        await Eventually.WaitAsync(() => Task.FromResult(firings.Count), n => n >= moments.Count, $"{moments.Count} firings", TimeSpan.FromSeconds(60));
        await Eventually.WaitAsync(() => QuartzRowsAsync(database), n => n == 0, "no trigger left to fire or firing", TimeSpan.FromSeconds(30));

        var perMoment = firings.GroupBy(f => f.Moment).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(moments.Order(), perMoment.Keys.Order());
        Assert.All(perMoment.Values, count => Assert.Equal(1, count));
        Assert.InRange(moments.Count, 15, 16);
    }

    [Fact]
    public async Task A_node_that_starts_finds_the_triggers_already_stored_and_adds_none()
    {
        var database = await PostgresServer.CreateDatabaseAsync("quartz");
        var firings = new ConcurrentQueue<(string Node, string DeliveryId)>();
        using var first = await StartNodeAsync(database, "node-a", firings);
        var later = TimeProvider.System.GetUtcNow().AddHours(1);
        await first.Services.GetRequiredService<ClusteredDeliveryScheduler>()
            .ScheduleAsync([.. Enumerable.Range(0, 50).Select(i => new DueDelivery($"delivery-{i}", later))], CancellationToken.None);

        using var second = await StartNodeAsync(database, "node-b", firings);
        var node = new BrokerNode("node-b");
        var nodes = new ClusterNodes(second.Services.GetRequiredService<PgDatabase>(), node, Options.Create(new ClusterOptions()), TimeProvider.System);
        var plan = new ClusterRecoveryPlan(second.Services.GetRequiredService<ClusteredDeliveryScheduler>(), nodes, node);
        var pending = Enumerable.Range(0, 60).Select(i => new DueDelivery($"delivery-{i}", i < 50 ? later : later.AddMinutes(1))).ToList();
        var lacking = await plan.LackingWakeUpAsync(pending, CancellationToken.None);

        Assert.Equal(Enumerable.Range(50, 10).Select(i => $"delivery-{i}").ToHashSet(), lacking.Select(d => d.DeliveryId).ToHashSet());
    }

    private static async Task<IHost> StartNodeAsync(string connectionString, string nodeId, ConcurrentQueue<(string, string)> firings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Broker"] = connectionString;
        builder.Services.AddSingleton<PgDatabase>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FiringLog(nodeId, firings));
        builder.Services.AddSingleton<ClusteredDeliveryScheduler>();
        builder.Services.Configure<ClusterOptions>(o => (o.NodeId, o.CheckinInterval, o.CheckinMisfireThreshold) = (nodeId, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(4);
            SchedulingExtensions.UseClusteredStore(q);
            q.AddJob<RecordingJob>(j => j.WithIdentity(DueDeliveriesJob.Key).StoreDurably().RequestRecovery());
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<long> QuartzRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM qrtz_triggers) + (SELECT count(*) FROM qrtz_fired_triggers)", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private sealed record FiringLog(string Node, ConcurrentQueue<(string, string)> Firings);

    /// <summary>Stands in for the wake-up job under its key: notes which node fired which moment.</summary>
    private sealed class RecordingJob(FiringLog log) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            log.Firings.Enqueue((log.Node, context.Trigger.Key.Name));
            return ValueTask.CompletedTask;
        }
    }
}
