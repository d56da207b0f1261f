namespace Broker.Adapters.Instagram;

/// <summary>The field names of an Instagram account's credentials.</summary>
public static class InstagramCredentialKeys
{
    /// <summary>The token: a Page token (Facebook Login) or an Instagram user token (Instagram Login).</summary>
    public const string AccessToken = "accessToken";

    /// <summary>Instagram Login only: when the long-lived token expires, ISO 8601. Present means "refresh before then".</summary>
    public const string AccessTokenExpiresAt = "accessTokenExpiresAt";
}
