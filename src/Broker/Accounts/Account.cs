namespace Broker.Accounts;

/// <summary>One account on one platform, owned by one OPD. Credentials are kept only encrypted.</summary>
public sealed class Account
{
    public required string Id { get; set; }

    /// <summary>Its status changes only over the version it was read at (<see cref="Storage.StateChange.Update(Account)"/>).</summary>
    public long Version { get; set; }

    public required string Opd { get; set; }

    public required string Platform { get; set; }

    public required string Name { get; set; }

    public required string ExternalId { get; set; }

    /// <summary>The credentials as a Data Protection payload; never returned by the API.</summary>
    public required string ProtectedCredentials { get; set; }

    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// When a person last gave it credentials again (reconnected it, or replaced them by hand); null until then, so
    /// <see cref="CreatedAt"/> stands for its first connection. A token refresh or a derived token saved by an adapter
    /// leaves it alone.
    /// </summary>
    public DateTimeOffset? ReconnectedAt { get; set; }

    public AccountStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy the holder may change without changing this one (every member is a value or a string).</summary>
    public Account Copy() => (Account)MemberwiseClone();
}
