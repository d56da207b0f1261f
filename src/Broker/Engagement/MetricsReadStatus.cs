namespace Broker.Engagement;

/// <summary>Where one scheduled reading of a post's metrics stands.</summary>
public enum MetricsReadStatus
{
    /// <summary>Waiting for its time (or for a retry, or claimed by a node until its lease ends).</summary>
    Due,

    /// <summary>Read: its values are stored.</summary>
    Done,

    /// <summary>The post no longer exists on the platform.</summary>
    Gone,

    /// <summary>Refused for good, or failed too often.</summary>
    GaveUp,
}
