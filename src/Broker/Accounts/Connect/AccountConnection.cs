namespace Broker.Accounts.Connect;

/// <summary>
/// One run of a platform's OAuth flow for one OPD: the <c>state</c> and PKCE verifier it was started with, then the
/// accounts the platform offered, until the person picks some. Kept in the database, not in a node's memory, so the
/// callback may reach any broker node.
/// </summary>
public sealed class AccountConnection
{
    public required string Id { get; set; }

    /// <summary>The random value the platform sends back with the code (unique).</summary>
    public required string State { get; set; }

    /// <summary>The PKCE verifier whose S256 challenge the authorize URL carried; single-use and short-lived.</summary>
    public required string CodeVerifier { get; set; }

    public required string Platform { get; set; }

    public required string Opd { get; set; }

    /// <summary>The callback URL the authorize URL named; the code exchange repeats it exactly.</summary>
    public required string RedirectUri { get; set; }

    public ConnectionStatus Status { get; set; }

    /// <summary>Why the connection is denied or failed.</summary>
    public string? Error { get; set; }

    public List<ConnectionCandidate> Candidates { get; set; } = [];

    public required string StartedBy { get; set; }

    /// <summary>The hash of the browser value (<see cref="ConnectionBinding"/>) the callback must present; null for connections started before it existed, which are refused.</summary>
    public string? BrowserBindingHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Until when the callback (while pending) or the choice (while ready) is accepted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
