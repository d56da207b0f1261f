namespace Broker.Engagement;

/// <summary>
/// A post an OPD made on its account without the broker, found by the periodic import. One per account and platform id
/// (<see cref="Id"/>); a post whose platform id is on one of the broker's deliveries is never stored as native.
/// </summary>
public sealed class NativePost
{
    /// <summary>The account's id and the platform's id of the post.</summary>
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Opd { get; set; }

    public required string Platform { get; set; }

    public required string PlatformPostId { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public string? Permalink { get; set; }

    /// <summary>The start of the post's text, at most <see cref="ExcerptLength"/> characters.</summary>
    public string? Excerpt { get; set; }

    public Dictionary<string, long> Values { get; set; } = [];

    public EngagementTotals Totals { get; set; } = new();

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public const int ExcerptLength = 200;

    public static string IdOf(string accountId, string platformPostId) => $"{accountId}/{platformPostId}";
}
