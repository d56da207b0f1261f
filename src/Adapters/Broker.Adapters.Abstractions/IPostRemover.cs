namespace Broker.Adapters;

/// <summary>
/// Removes a published post from its platform. Optional: an <see cref="IChannelAdapter"/> that can delete posts also
/// implements this interface, and the broker retracts through it; for a platform whose adapter does not, every post of
/// a retracted item is marked for manual removal. The broker calls it again after a crash or a transient failure, so
/// removing a post that is already gone must answer <see cref="RemovalOutcome.AlreadyGone"/>, never an error.
/// </summary>
public interface IPostRemover
{
    /// <summary>
    /// Deletes the post <paramref name="platformPostId"/> (as <see cref="PublishOutcome.Published.RemotePostId"/> gave
    /// it) from <paramref name="account"/>. Never throws for what the platform answered or for a network failure: every
    /// case maps to one <see cref="RemovalOutcome"/>.
    /// </summary>
    Task<RemovalOutcome> RemoveAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken);
}
