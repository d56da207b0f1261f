using Broker.Cluster;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Quartz;

namespace Broker.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>Quartz's one shared scheduler name: every node of a cluster must use the same one.</summary>
    public const string SchedulerName = "broker";

    /// <summary>
    /// Quartz with one durable publish job and recovery at start. On LiteDB (the source of truth) the in-memory store and
    /// the feed that moves the scheduling window; on PostgreSQL Quartz's clustered store in the same database.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SchedulingOptions, SchedulingOptionsValidator>(SchedulingOptions.Section);
        var clustered = StorageExtensions.Provider(builder.Configuration) == StorageProvider.PostgreSql;
        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(_ => { });
            q.Services.AddOptions<ThreadPoolOptions>(q.SchedulerName)
                .Configure<IOptions<DeliveryOptions>>((pool, delivery) => pool.MaxConcurrency = delivery.Value.MaxConcurrency);
            if (clustered)
            {
                UseClusteredStore(q);
            }
            else
            {
                q.UseInMemoryStore();
            }

            q.AddJob<PublishDeliveryJob>(j => j.WithIdentity(PublishDeliveryJob.Key).StoreDurably().RequestRecovery(clustered));
            if (clustered)
            {
                q.AddJob<DueDeliveriesJob>(j => j.WithIdentity(DueDeliveriesJob.Key).StoreDurably());
            }
        });
        if (clustered)
        {
            builder.Services.AddSingleton<ClusteredDeliveryScheduler>();
            builder.Services.AddSingleton<IDeliveryScheduler>(sp => sp.GetRequiredService<ClusteredDeliveryScheduler>());
            builder.Services.AddSingleton<IRecoveryPlan, ClusterRecoveryPlan>();
        }
        else
        {
            builder.Services.AddSingleton<QuartzDeliveryScheduler>();
            builder.Services.AddSingleton<IDeliveryScheduler>(sp => sp.GetRequiredService<QuartzDeliveryScheduler>());
            builder.Services.AddSingleton<IRecoveryPlan, LocalRecoveryPlan>();
            builder.Services.AddHostedService<DeliveryFeeder>();
        }

        builder.Services.AddHostedService<DeliveryRecovery>();
        if (!clustered)
        {
            builder.Services.AddHostedService<JournalCompaction>(); // after recovery, which compacts it at start
        }

        if (clustered)
        {
            // Starts after recovery, stops after Quartz: a wake-up never finds the loop gone.
            builder.Services.AddHostedService(services => services.GetRequiredService<DueDeliveries>());
        }

        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>
    /// Quartz's ADO.NET store on the broker's PostgreSQL (its tables come from migration 0031, applied before the data
    /// source is handed out), clustered: one scheduler name for all nodes, this node's id as the instance id, and the
    /// publish job requesting recovery so that a firing a dead node left unfinished runs again on another. The timings
    /// come from <see cref="ClusterOptions"/> when Quartz's options are made, after they were validated.
    /// </summary>
    internal static void UseClusteredStore(IQuartzBuilder q)
    {
        q.ConfigureScheduler(s => s.InstanceName = SchedulerName);
        q.Services.AddOptions<QuartzSchedulerOptions>(q.SchedulerName).Configure<IOptions<ClusterOptions>>((s, cluster) =>
        {
            s.IdleWaitTime = cluster.Value.IdleWaitTime;
            if (cluster.Value.NodeId is { Length: > 0 } id)
            {
                s.InstanceId = id; // the node's own id: Quartz's check-ins and the broker's heartbeats name the same node
            }
        });
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(data => data.DataSourceFactory = services => services.GetRequiredService<PgDatabase>().DataSource);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(_ => { });
        });
        q.Services.AddOptions<ClusteringOptions>(q.SchedulerName).Configure<IOptions<ClusterOptions>>((c, cluster) =>
        {
            c.CheckinInterval = cluster.Value.CheckinInterval;
            c.CheckinMisfireThreshold = cluster.Value.CheckinMisfireThreshold;
        });
        q.Services.AddOptions<AdoJobStoreOptions>(q.SchedulerName)
            .Configure<IOptions<ClusterOptions>>((o, cluster) => o.MisfireThreshold = cluster.Value.MisfireThreshold);
    }
}
