namespace Broker.Adapters;

/// <summary>What came of one attempt to remove a post (<see cref="IPostRemover"/>). A closed set: the broker acts on each case.</summary>
public abstract record RemovalOutcome
{
    private RemovalOutcome()
    {
    }

    /// <summary>The platform deleted the post.</summary>
    public sealed record Removed : RemovalOutcome;

    /// <summary>The platform says the post does not exist (deleted before, by a person or an earlier attempt): done.</summary>
    public sealed record AlreadyGone(string Reason) : RemovalOutcome;

    /// <summary>The platform's API cannot delete this post; a person must remove it by hand, at <paramref name="ManualUrl"/> when given.</summary>
    public sealed record CannotRemove(string Reason, Uri? ManualUrl = null) : RemovalOutcome;

    /// <summary>
    /// A failure that may pass (a server fault, no answer, a rate limit): try again, at <paramref name="RetryAt"/> when
    /// given. Deleting is idempotent, so a retry after an unknown outcome is safe.
    /// </summary>
    public sealed record Transient(string Reason, DateTimeOffset? RetryAt = null) : RemovalOutcome;

    /// <summary>The credentials are expired or revoked; a person must re-authorise the account before the post can be removed.</summary>
    public sealed record NeedsReauthorization(string Reason) : RemovalOutcome;

    /// <summary>
    /// The removal outcome for a call that failed the way a publish call would have: throttling and unknown outcomes
    /// are retried, a refusal for good means a person removes the post.
    /// </summary>
    public static RemovalOutcome FromFailure(PublishOutcome failure) => failure switch
    {
        PublishOutcome.Transient t => new Transient(t.Reason, t.RetryAt),
        PublishOutcome.RateLimited r => new Transient(r.Reason, r.Until),
        PublishOutcome.NeedsReauthorization n => new NeedsReauthorization(n.Reason),
        PublishOutcome.Unknown u => new Transient(u.Reason),
        PublishOutcome.Failed f => new CannotRemove(f.Reason),
        _ => new Transient("The platform's answer was not understood."),
    };
}
