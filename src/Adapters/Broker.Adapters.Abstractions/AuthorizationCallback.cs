namespace Broker.Adapters;

/// <summary>What came back from the consent page, for the code exchange.</summary>
/// <param name="Code">The authorization code.</param>
/// <param name="RedirectUri">The same redirect URI the authorize URL carried (platforms compare them).</param>
/// <param name="CodeVerifier">The PKCE verifier whose challenge the authorize URL carried.</param>
public sealed record AuthorizationCallback(string Code, Uri RedirectUri, string CodeVerifier)
{
    /// <summary>Never prints the code or the verifier.</summary>
    public override string ToString() => $"AuthorizationCallback {{ RedirectUri = {RedirectUri} }}";
}
