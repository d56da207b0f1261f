namespace Broker.Adapters.X.Auth;

/// <summary>A user's OAuth 2.0 token set as X issued it.</summary>
/// <param name="AccessToken">The bearer token (valid about 2 hours).</param>
/// <param name="RefreshToken">The single-use refresh token; <c>null</c> when <c>offline.access</c> was not granted.</param>
/// <param name="ExpiresAt">When <paramref name="AccessToken"/> expires.</param>
/// <param name="Scope">The granted scopes, space-separated, if X said.</param>
public sealed record XOAuth2Tokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Scope)
{
    /// <summary>
    /// The account credentials after this token set replaced the one in <paramref name="previous"/> (a new refresh
    /// token replaces the old; when X sent none, the old one is kept). The app's client secret is never part of them: it
    /// stays in configuration, and one stored by an older version is dropped here.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToCredentials(IReadOnlyDictionary<string, string> previous, XOAuth2ClientApp app)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(app);
        var credentials = new Dictionary<string, string>(previous, StringComparer.Ordinal)
        {
            [XCredentialKeys.OAuth2AccessToken] = AccessToken,
            [XCredentialKeys.OAuth2ExpiresAt] = ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            [XCredentialKeys.ClientId] = app.ClientId,
        };
        if (RefreshToken is not null)
        {
            credentials[XCredentialKeys.OAuth2RefreshToken] = RefreshToken;
        }

        credentials.Remove(XCredentialKeys.ClientSecret);
        return credentials;
    }

    /// <summary>Never prints the tokens.</summary>
    public override string ToString() => $"XOAuth2Tokens {{ ExpiresAt = {ExpiresAt:O}, Scope = {Scope} }}";
}
