namespace Broker.Feeds;

/// <summary>One entry of a subscribed feed, as read: plain text, its identity and a hash of what it says.</summary>
public sealed record FeedEntry(string Key, string Title, string Text, string? Link, Uri? Image, string ContentHash);
