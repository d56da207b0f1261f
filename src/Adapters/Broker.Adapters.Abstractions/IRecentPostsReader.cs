namespace Broker.Adapters;

/// <summary>
/// Lists an account's own recent posts, whoever made them. Optional: the broker reads them periodically to count the
/// posts an OPD makes directly on the platform ("native" posts) beside those the broker made. The metrics of each post
/// come from what the listing gives (likes, comments, shares), named as the platform names them.
/// </summary>
public interface IRecentPostsReader
{
    /// <summary>
    /// The account's posts published at or after <paramref name="since"/>, newest first, at most <paramref name="limit"/>.
    /// Never throws for what the platform answered: a success is <see cref="ReadOutcome.Posts"/>.
    /// </summary>
    Task<ReadOutcome> ReadRecentPostsAsync(ChannelAccount account, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
