namespace Broker.Intake;

/// <summary>Where an item came from when the broker made it from a subscribed feed's entry, not from a person's form.</summary>
public sealed class ItemSource
{
    public required string SubscriptionId { get; set; }

    public required string FeedUrl { get; set; }

    /// <summary>What identifies the entry in its feed: its guid (RSS) or id (Atom), else its link.</summary>
    public required string EntryKey { get; set; }

    public string? EntryLink { get; set; }

    /// <summary>A hash of the entry's title, text and link as read: a changed entry is told apart from a repeated one.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset FetchedAt { get; set; }

    /// <summary>Why the entry's photo was left out (too large, not JPEG or PNG, a refused address), when it was.</summary>
    public string? PhotoProblem { get; set; }
}
