namespace Broker.Feeds;

/// <summary>How a subscription's feed answered when it was last read.</summary>
public enum FeedState
{
    /// <summary>Not read yet.</summary>
    New,

    /// <summary>The last read worked (new entries or none).</summary>
    Healthy,

    /// <summary>The last read failed (down, not a feed, too large, refused address): retried with backoff.</summary>
    Failing,
}
