using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;

namespace Broker.IntegrationTests.Cluster;

/// <summary>Broker processes sharing one PostgreSQL database, with fast heartbeats so a takeover fits in a test.</summary>
public static class ClusterProcesses
{
    /// <summary>A node <paramref name="nodeId"/> on <paramref name="connectionString"/>, publishing to Facebook on <paramref name="sandbox"/>.</summary>
    public static BrokerProcess OnPostgres(string folder, string connectionString, string nodeId, RunningSandbox sandbox, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__Broker"] = connectionString,
            ["Cluster__NodeId"] = nodeId,
            ["Cluster__HeartbeatInterval"] = "00:00:00.250",
            ["Cluster__NodeTimeout"] = "00:00:02",
            ["Cluster__CheckinInterval"] = "00:00:00.500",
            ["Cluster__CheckinMisfireThreshold"] = "00:00:01",
            ["Delivery__FirstRetryDelay"] = "00:00:00.500",
            // One test user polls every list every 50 ms until a burst is published (several pages a poll): the per-user
            // limit of 600 a minute, not under test here, would answer 429 on a slow machine before the burst is done.
            ["Access__RequestsPerMinute"] = "1000000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return BrokerProcess.OnSandbox(Path.Combine(folder, nodeId), sandbox, all);
    }
}
