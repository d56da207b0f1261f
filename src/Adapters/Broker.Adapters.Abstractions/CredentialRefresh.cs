namespace Broker.Adapters;

/// <summary>What came of <see cref="IAccountConnector.RefreshAsync"/>. A closed set.</summary>
public abstract record CredentialRefresh
{
    private CredentialRefresh()
    {
    }

    /// <summary>Nothing to do: the credentials do not expire, or not soon.</summary>
    public sealed record NotDue : CredentialRefresh;

    /// <summary>New credentials were stored; they expire at <paramref name="ExpiresAt"/>.</summary>
    public sealed record Refreshed(DateTimeOffset ExpiresAt) : CredentialRefresh;

    /// <summary>The credentials are dead (expired, revoked); a person must connect the account again.</summary>
    public sealed record NeedsReauthorization(string Reason) : CredentialRefresh;

    /// <summary>The refresh did not work this time but the credentials still do; try again later.</summary>
    public sealed record Failed(string Reason) : CredentialRefresh;
}
