namespace Broker.Adapters;

/// <summary>What came of one read from a platform (<see cref="IPostMetricsReader"/>, <see cref="IRecentPostsReader"/>). A closed set: the broker acts on each case.</summary>
public abstract record ReadOutcome
{
    private ReadOutcome()
    {
    }

    /// <summary>The post's metrics.</summary>
    public sealed record Metrics(PostMetrics Read) : ReadOutcome;

    /// <summary>The account's recent posts.</summary>
    public sealed record Posts(IReadOnlyList<RecentPost> Found) : ReadOutcome;

    /// <summary>
    /// The account's token lacks the permission to read this (Graph codes 10 and 200–299, X 403): the broker stops
    /// reading for the account until it is reconnected, instead of asking again and again.
    /// </summary>
    public sealed record NotPermitted(string Reason) : ReadOutcome;

    /// <summary>The platform throttles the account or the app: read again at <paramref name="Until"/>, not before.</summary>
    public sealed record RateLimited(string Reason, DateTimeOffset Until) : ReadOutcome;

    /// <summary>A failure that may pass (a server fault, no answer): try again later.</summary>
    public sealed record Transient(string Reason) : ReadOutcome;

    /// <summary>The post no longer exists on the platform: there is nothing more to read.</summary>
    public sealed record Gone(string Reason) : ReadOutcome;

    /// <summary>The credentials are expired or revoked.</summary>
    public sealed record NeedsReauthorization(string Reason) : ReadOutcome;

    /// <summary>Refused for good (a bad id, a post without insights): do not read it again.</summary>
    public sealed record Failed(string Reason) : ReadOutcome;

    /// <summary>The read outcome for a call that failed the way a publish call would have.</summary>
    public static ReadOutcome FromFailure(PublishOutcome failure) => failure switch
    {
        PublishOutcome.Transient t => new Transient(t.Reason),
        PublishOutcome.RateLimited r => new RateLimited(r.Reason, r.Until),
        PublishOutcome.NeedsReauthorization n => new NeedsReauthorization(n.Reason),
        PublishOutcome.Unknown u => new Transient(u.Reason),
        PublishOutcome.Failed f => new Failed(f.Reason),
        _ => new Transient("The platform's answer was not understood."),
    };

    /// <summary>The reason a failure carries; empty for a success.</summary>
    public string ReasonText => this switch
    {
        NotPermitted n => n.Reason,
        RateLimited r => r.Reason,
        Transient t => t.Reason,
        Gone g => g.Reason,
        NeedsReauthorization n => n.Reason,
        Failed f => f.Reason,
        _ => string.Empty,
    };
}
