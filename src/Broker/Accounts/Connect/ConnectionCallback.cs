namespace Broker.Accounts.Connect;

/// <summary>What the platform's consent page sent back to <c>/oauth/callback/{platform}</c>.</summary>
public sealed record ConnectionCallback(string? Code, string? State, string? Error, string? ErrorDescription)
{
    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"ConnectionCallback {{ Error = {Error} }}";
}
