using System.Globalization;

namespace Broker.Adapters.X.Auth;

/// <summary>Reads an X account's credentials: the four OAuth 1.0a fields, or an OAuth 2.0 token set.</summary>
internal static class XCredentials
{
    private static readonly string[] OAuth1Keys =
        [XCredentialKeys.ConsumerKey, XCredentialKeys.ConsumerSecret, XCredentialKeys.AccessToken, XCredentialKeys.AccessTokenSecret];

    private static readonly string[] OAuth2Keys =
        [XCredentialKeys.OAuth2AccessToken, XCredentialKeys.OAuth2RefreshToken, XCredentialKeys.ClientId, XCredentialKeys.OAuth2ExpiresAt];

    public static bool IsOAuth2(IReadOnlyDictionary<string, string> credentials) =>
        Has(credentials, XCredentialKeys.OAuth2AccessToken) || Has(credentials, XCredentialKeys.OAuth2RefreshToken);

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (IsOAuth2(credentials))
        {
            var problems = OAuth2Keys.Where(k => !Has(credentials, k))
                .Select(k => $"An X account connected with OAuth 2.0 needs the {k} field.")
                .ToList();
            if (Has(credentials, XCredentialKeys.OAuth2ExpiresAt) && ExpiresAt(credentials) is null)
            {
                problems.Add($"The {XCredentialKeys.OAuth2ExpiresAt} field of the X account is not an ISO-8601 date and time.");
            }

            return problems;
        }

        var missing = OAuth1Keys.Where(k => !Has(credentials, k)).ToList();
        return missing.Count == 0
            ? []
            : [$"An X account needs either the OAuth 1.0a fields ({string.Join(", ", OAuth1Keys)}) or an OAuth 2.0 token set ({string.Join(", ", OAuth2Keys)}); missing: {string.Join(", ", missing)}."];
    }

    public static OAuth1Credentials OAuth1(IReadOnlyDictionary<string, string> credentials) => new(
        credentials[XCredentialKeys.ConsumerKey],
        credentials[XCredentialKeys.ConsumerSecret],
        credentials[XCredentialKeys.AccessToken],
        credentials[XCredentialKeys.AccessTokenSecret]);

    /// <summary>
    /// The app that refreshes the account's tokens: its client id, and the client secret from configuration (never from
    /// the account), sent only for the configured app's own client id.
    /// </summary>
    public static XOAuth2ClientApp App(IReadOnlyDictionary<string, string> credentials, XAdapterOptions options)
    {
        var clientId = credentials[XCredentialKeys.ClientId];
        var ours = string.Equals(clientId, options.ClientId, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(options.ClientSecret);
        return new(clientId, ours ? options.ClientSecret : null);
    }

    public static DateTimeOffset? ExpiresAt(IReadOnlyDictionary<string, string> credentials) =>
        credentials.TryGetValue(XCredentialKeys.OAuth2ExpiresAt, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
            ? expires
            : null;

    private static bool Has(IReadOnlyDictionary<string, string> credentials, string key) =>
        credentials.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);
}
