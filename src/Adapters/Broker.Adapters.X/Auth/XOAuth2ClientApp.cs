namespace Broker.Adapters.X.Auth;

/// <summary>The X app that asks for tokens: its client id, and its secret when it is a confidential client.</summary>
public sealed record XOAuth2ClientApp(string ClientId, string? ClientSecret)
{
    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"XOAuth2ClientApp {{ ClientId = {ClientId} }}";
}
