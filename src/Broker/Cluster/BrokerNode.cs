namespace Broker.Cluster;

/// <summary>
/// This process among the nodes sharing a database: its id, written on every delivery it claims (publishing) so that a
/// claim left by a dead node can be told from one a live node is working on. On LiteDB there is one node and no id.
/// </summary>
public sealed class BrokerNode(string? id)
{
    /// <summary>The node's id (<see cref="ClusterOptions.NodeId"/>, or made at start); null on LiteDB.</summary>
    public string? Id { get; } = id;

    /// <summary>An id for a node whose operator named none: the host name, and a suffix so that two starts never share one.</summary>
    public static string MakeId() => $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
}
