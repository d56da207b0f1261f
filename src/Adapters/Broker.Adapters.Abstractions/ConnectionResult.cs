namespace Broker.Adapters;

/// <summary>What came of exchanging an authorization code. A closed set.</summary>
public abstract record ConnectionResult
{
    private ConnectionResult()
    {
    }

    /// <summary>The code was exchanged; these are the accounts the person may add (possibly none).</summary>
    public sealed record Connected(IReadOnlyList<ConnectableAccount> Accounts) : ConnectionResult;

    /// <summary>The platform refused (an expired or reused code, a wrong app secret, a missing permission); <paramref name="Reason"/> says which.</summary>
    public sealed record Refused(string Reason) : ConnectionResult;

    /// <summary>The platform did not answer; the person may start again later.</summary>
    public sealed record Unreachable(string Reason) : ConnectionResult;
}
