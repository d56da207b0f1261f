namespace Broker.Adapters.X.Auth;

/// <summary>The field names of an X account's credentials (<see cref="ChannelAccount.Credentials"/>).</summary>
public static class XCredentialKeys
{
    /// <summary>OAuth 1.0a: the app's API key.</summary>
    public const string ConsumerKey = "consumerKey";

    /// <summary>OAuth 1.0a: the app's API key secret.</summary>
    public const string ConsumerSecret = "consumerSecret";

    /// <summary>OAuth 1.0a: the user's access token.</summary>
    public const string AccessToken = "accessToken";

    /// <summary>OAuth 1.0a: the user's access token secret.</summary>
    public const string AccessTokenSecret = "accessTokenSecret";

    /// <summary>OAuth 2.0: the user's bearer access token.</summary>
    public const string OAuth2AccessToken = "oauth2AccessToken";

    /// <summary>OAuth 2.0: the (single-use, rotating) refresh token.</summary>
    public const string OAuth2RefreshToken = "oauth2RefreshToken";

    /// <summary>OAuth 2.0: when the access token expires, ISO-8601.</summary>
    public const string OAuth2ExpiresAt = "oauth2ExpiresAt";

    /// <summary>OAuth 2.0: the app's client id.</summary>
    public const string ClientId = "clientId";

    /// <summary>
    /// OAuth 2.0: the app's client secret, as older versions stored it. No longer read or written: the secret is read
    /// from <see cref="XAdapterOptions.ClientSecret"/>, and this field is dropped at the next refresh.
    /// </summary>
    public const string ClientSecret = "clientSecret";
}
