namespace Broker.Feeds;

/// <summary>
/// An OPD's subscription to a feed (its own portal's RSS or Atom, or a national one): new entries become submitted items
/// for the chosen accounts. It also keeps how the last reads went, for the conditional GET and the subscription page.
/// </summary>
public sealed class FeedSubscription
{
    public required string Id { get; set; }

    /// <summary>Counts stored changes; a change is written only over the version it was read at.</summary>
    public long Version { get; set; }

    /// <summary>One subscription per OPD and feed URL: <c>{opd}\n{url}</c>.</summary>
    public required string Key { get; set; }

    public required string Opd { get; set; }

    public required string Url { get; set; }

    public required string Name { get; set; }

    public List<string> AccountIds { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public FeedState State { get; set; }

    /// <summary>Why the last read failed (worded for the subscription page), or null after a good one.</summary>
    public string? Problem { get; set; }

    /// <summary>Reads failed in a row: the next read waits twice as long after each, up to <c>Feeds:MaxBackoff</c>.</summary>
    public int Failures { get; set; }

    /// <summary>The validator the server gave with the last full answer, sent back as <c>If-None-Match</c>.</summary>
    public string? ETag { get; set; }

    /// <summary>The <c>Last-Modified</c> the server gave, sent back verbatim as <c>If-Modified-Since</c>.</summary>
    public string? LastModified { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    public DateTimeOffset? LastSucceededAt { get; set; }

    public DateTimeOffset NextPollAt { get; set; }

    /// <summary>Items made from this feed so far.</summary>
    public int ItemsCreated { get; set; }

    public static string KeyOf(string opd, string url) => opd + "\n" + url;
}
