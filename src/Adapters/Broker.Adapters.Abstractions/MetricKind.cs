namespace Broker.Adapters;

/// <summary>What a platform's metric measures, for reports that add platforms together.</summary>
public enum MetricKind
{
    /// <summary>Anything else: kept as data, not added up.</summary>
    Other,

    /// <summary>Unique accounts that saw the post (Meta's <c>reach</c>, Facebook's unique media views).</summary>
    Reach,

    /// <summary>Times the post was seen (views, impressions).</summary>
    Views,

    /// <summary>Likes and reactions.</summary>
    Reactions,

    /// <summary>Comments and replies.</summary>
    Comments,

    /// <summary>Shares, reposts and quotes.</summary>
    Shares,

    /// <summary>Saves and bookmarks.</summary>
    Saves,
}
