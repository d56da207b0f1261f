namespace Broker.Feeds;

/// <summary>A subscription as asked for: the OPD, the feed's URL, a name to show (the URL's host if none) and the accounts its items go to.</summary>
public sealed record FeedSubscriptionRequest
{
    public string? Opd { get; init; }

    public string? Url { get; init; }

    public string? Name { get; init; }

    public List<string>? AccountIds { get; init; }
}
