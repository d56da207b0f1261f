namespace Broker.Sandbox.State;

/// <summary>A Graph token the sandbox issued through an OAuth flow (tokens it did not issue are accepted as before).</summary>
/// <param name="Token">The token.</param>
/// <param name="Platform">facebook or instagram (the host that accepts it).</param>
/// <param name="Kind">user-short, user-long, page, ig-short or ig-long.</param>
/// <param name="UserId">The Facebook user, Page or Instagram user it acts for.</param>
/// <param name="IssuedAt">When it was issued (Instagram refreshes only tokens at least 24 hours old).</param>
/// <param name="ExpiresAt">When it expires; null never (Page tokens from a long-lived user token).</param>
public sealed record GraphToken(string Token, string Platform, string Kind, string UserId, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt)
{
    public const string FacebookUserShort = "user-short";
    public const string FacebookUserLong = "user-long";
    public const string Page = "page";
    public const string InstagramShort = "ig-short";
    public const string InstagramLong = "ig-long";

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
