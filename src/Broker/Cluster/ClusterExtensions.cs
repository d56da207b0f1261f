using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Broker.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// This node among the others. On LiteDB one node with no id. On PostgreSQL: the node's id (configured, or made now
    /// and written back to <c>Cluster:NodeId</c> so Quartz's instance id is the same), its heartbeat, the sweep that takes
    /// over dead nodes' claims, the claim row as the intent record, account turns
    /// as advisory locks, and the Data Protection key ring in the database.
    /// Call after <c>AddBrokerStorage</c> and before <c>AddBrokerScheduling</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerCluster(this IHostApplicationBuilder builder)
    {
        if (StorageExtensions.Provider(builder.Configuration) != StorageProvider.PostgreSql)
        {
            builder.Services.AddSingleton(new BrokerNode(null));
            return builder;
        }

        var key = ClusterOptions.Section + ":" + nameof(ClusterOptions.NodeId);
        if (string.IsNullOrWhiteSpace(builder.Configuration[key]))
        {
            builder.Configuration[key] = BrokerNode.MakeId();
        }

        builder.Services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        builder.Services.AddSingleton(new BrokerNode(builder.Configuration[key]!.Trim()));
        builder.Services.AddSingleton<ClusterNodes>();
        builder.Services.AddHostedService<NodeHeartbeat>(); // before recovery and Quartz: no claim by a node never seen
        builder.Services.AddSingleton<PgDeliveryLeases>();
        builder.Services.AddSingleton<DueDeliveries>();
        builder.Services.AddSingleton<DeadNodeSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadNodeSweep>());
        builder.Services.AddSingleton<WakeUpSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WakeUpSweep>());
        builder.Services.AddSingleton<IIntentJournal, ClaimIntentJournal>();
        builder.Services.AddSingleton<IAccountTurns, PgAccountTurns>();
        builder.Services.AddSingleton<PgXmlRepository>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = services.GetRequiredService<PgXmlRepository>()));
        return builder;
    }
}
