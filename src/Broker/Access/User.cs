namespace Broker.Access;

/// <summary>Someone who may use the broker. Only a hash of their token is kept; the token itself is shown once.</summary>
public sealed class User
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public UserRole Role { get; set; }

    /// <summary>The OPD an OPD admin (or an ASN) belongs to.</summary>
    public string? Opd { get; set; }

    /// <summary>The ASN record (by NIP) an ASN user is.</summary>
    public string? AsnNip { get; set; }

    /// <summary>SHA-256 of the bearer token, hex; tokens are 256-bit random, so a fast hash is enough.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset TokenExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A copy to hand out of one kept in memory (every member is a value or a string).</summary>
    public User Copy() => (User)MemberwiseClone();
}
