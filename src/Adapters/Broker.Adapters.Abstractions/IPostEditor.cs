namespace Broker.Adapters;

/// <summary>
/// Replaces the text of a published post in place. Optional, like <see cref="IPostRemover"/>: an
/// <see cref="IChannelAdapter"/> whose platform lets its API edit a published post also implements this interface, and
/// the broker offers a correction by edit in place through it; for the others a correction retracts the post and
/// publishes the corrected version. Setting the same text twice must be harmless: the broker calls it again after a
/// crash or a transient failure.
/// </summary>
public interface IPostEditor
{
    /// <summary>
    /// Sets the text of the post <paramref name="platformPostId"/> (as <see cref="PublishOutcome.Published.RemotePostId"/>
    /// gave it) of <paramref name="account"/> to <paramref name="text"/>. Never throws for what the platform answered or
    /// for a network failure: every case maps to one <see cref="EditOutcome"/>.
    /// </summary>
    Task<EditOutcome> EditAsync(ChannelAccount account, string platformPostId, string text, CancellationToken cancellationToken);
}
