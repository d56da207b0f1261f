namespace Broker.Feeds;

/// <summary>The formats a served feed is written in.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
}
