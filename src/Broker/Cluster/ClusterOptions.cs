namespace Broker.Cluster;

/// <summary>How the nodes sharing one PostgreSQL database find each other and take over a dead one's work (<c>Cluster</c> section).</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// This node's id, unique among the nodes; also its Quartz instance id. Empty: one is made at each start (host name
    /// and a random suffix). A fixed id lets a restarted node recover its own claims at once instead of after
    /// <see cref="NodeTimeout"/>.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>How often this node records that it is alive (<c>broker_nodes.seen_at</c>).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A node not seen for this long is dead: its claims on deliveries (publishing) are reconciled by another node. Keep
    /// it well above <see cref="HeartbeatInterval"/> and above the longest pause a node may take (a GC, a VM migration).
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the Quartz scheduler of this node checks in with the cluster.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How late past a missed check-in another node recovers this one's fired triggers (Quartz's cluster recovery).</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A trigger this late is misfired and fires at once (its misfire instruction).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a node looks for waiting deliveries that have no trigger (a node died between an approval's commit and
    /// its triggers) and gives them one.
    /// </summary>
    public TimeSpan WakeUpSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a node's scheduler waits before asking the database again when it found no trigger due: the longest a
    /// trigger stored by another node, or one whose time came while this node's scheduler slept, waits to be noticed.
    /// Shorter is quicker and costs one small query per node per interval.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);
}
