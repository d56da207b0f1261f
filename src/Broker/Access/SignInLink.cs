namespace Broker.Access;

/// <summary>
/// A one-time sign-in link an editor made for a user: only the hash of its code is kept, it expires, and it is used once.
/// </summary>
public sealed class SignInLink
{
    /// <summary>SHA-256 of the code in the link, hex (the code is 256 random bits, so a fast hash is enough).</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
