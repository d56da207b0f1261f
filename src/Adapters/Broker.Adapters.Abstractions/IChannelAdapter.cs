namespace Broker.Adapters;

/// <summary>
/// Publishes rendered posts to one platform. One instance serves every account of that platform,
/// so implementations must be thread-safe and keep no per-account state in fields.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The platform's name as the API and the configuration spell it, in lower case (e.g. <c>facebook</c>).</summary>
    string Platform { get; }

    /// <summary>The platform's limits on a post, for previews and approval.</summary>
    PlatformLimits Limits { get; }

    /// <summary>The length of <paramref name="text"/> as the platform counts it against <see cref="PlatformLimits.MaxTextLength"/>.</summary>
    int MeasureText(string text);

    /// <summary>Every way <paramref name="post"/> breaks the platform's rules, as sentences a person can act on; empty when it can be published.</summary>
    IReadOnlyList<string> Check(RenderedPost post);

    /// <summary>Every problem with the credentials given for an account of this platform (missing or malformed fields); empty when they look usable.</summary>
    IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials);

    /// <summary>
    /// Publishes the post. Never throws for what the platform answered: every answer, and every network failure,
    /// maps to one <see cref="PublishOutcome"/>. A call whose outcome is not known must return
    /// <see cref="PublishOutcome.Unknown"/>, never a retryable outcome.
    /// </summary>
    Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Looks on the account for a post an earlier attempt of the same delivery may already have made (after an
    /// <see cref="PublishOutcome.Unknown"/> or a crash). Returns <see cref="PublishOutcome.Published"/> when found,
    /// <c>null</c> when the platform shows that no such post exists, and any other outcome when it could not tell.
    /// </summary>
    Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken);
}
