namespace Broker.Feeds;

/// <summary>The feeds the broker serves (<c>/feed/rss</c>…) and the ones it reads (subscriptions), section <c>Feeds</c>.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>How many of the latest published items a served feed holds.</summary>
    public int MaxEntries { get; set; } = 50;

    /// <summary>How long a reader (or a cache between) may keep a served feed before asking again (<c>Cache-Control: max-age</c>).</summary>
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a subscribed feed is read while it answers.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait between two reads of a feed that keeps failing (the wait doubles from <see cref="PollInterval"/>).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the poller looks for subscriptions due to be read.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One fetch (a feed or a photo) gives up after this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A feed document larger than this is refused (the subscription shows it as too large).</summary>
    public long MaxFeedBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>An entry's photo larger than this is not fetched whole: the item is made without it, saying why.</summary>
    public long MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Feeds and photos are fetched over https only; <c>false</c> lets http through too (a test, a closed network).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Networks (CIDR) that feeds and photos may be fetched from although they are private, loopback or link-local
    /// (refused otherwise, checked on the address the name resolves to). Empty: public addresses only.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
