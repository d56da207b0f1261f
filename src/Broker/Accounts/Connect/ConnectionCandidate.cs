namespace Broker.Accounts.Connect;

/// <summary>An account the platform offered in a connection, with its credentials encrypted until it is chosen or the connection ends.</summary>
public sealed class ConnectionCandidate
{
    public required string Platform { get; set; }

    public required string ExternalId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? ApiBaseUrl { get; set; }

    /// <summary>The credentials as a Data Protection payload; emptied once the connection is completed or expired.</summary>
    public string ProtectedCredentials { get; set; } = string.Empty;

    /// <summary>The account of the same OPD, platform and id that already exists, which choosing this candidate re-authorises.</summary>
    public string? ExistingAccountId { get; set; }

    /// <summary>The account created or re-authorised when this candidate was chosen.</summary>
    public string? AccountId { get; set; }
}
