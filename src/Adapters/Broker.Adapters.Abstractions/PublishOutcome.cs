namespace Broker.Adapters;

/// <summary>What came of one publish attempt. A closed set: the broker acts on each case.</summary>
public abstract record PublishOutcome
{
    private PublishOutcome()
    {
    }

    /// <summary>The post is live.</summary>
    /// <param name="RemotePostId">The platform's id of the post.</param>
    /// <param name="Permalink">The post's public URL, when the platform gave one.</param>
    public sealed record Published(string RemotePostId, Uri? Permalink) : PublishOutcome;

    /// <summary>A transient failure known not to have created a post; try again (at <paramref name="RetryAt"/> if given).</summary>
    public sealed record Transient(string Reason, DateTimeOffset? RetryAt = null) : PublishOutcome;

    /// <summary>The platform's rate limit or quota was hit; nothing was posted; wait until <paramref name="Until"/>.</summary>
    public sealed record RateLimited(string Reason, DateTimeOffset Until) : PublishOutcome;

    /// <summary>The credentials are expired or revoked; a person must re-authorise the account.</summary>
    public sealed record NeedsReauthorization(string Reason) : PublishOutcome;

    /// <summary>The platform refused the post for good; <paramref name="Reason"/> is its reason.</summary>
    public sealed record Failed(string Reason) : PublishOutcome;

    /// <summary>The request may have reached the platform and created a post; reconcile before any new attempt.</summary>
    public sealed record Unknown(string Reason) : PublishOutcome;
}
