namespace Broker.Adapters;

/// <summary>One post found on an account by <see cref="IRecentPostsReader"/>.</summary>
/// <param name="PlatformPostId">The platform's id of the post, as <see cref="PublishOutcome.Published.RemotePostId"/> would give it.</param>
/// <param name="PublishedAt">When the platform says it was published.</param>
/// <param name="Permalink">Its public address, when the platform gives one.</param>
/// <param name="Text">Its text (caption, message), when it has one; the broker keeps only an excerpt.</param>
/// <param name="Metrics">The counts the listing gave, named as the platform names them.</param>
public sealed record RecentPost(string PlatformPostId, DateTimeOffset PublishedAt, Uri? Permalink, string? Text, IReadOnlyDictionary<string, long> Metrics);
