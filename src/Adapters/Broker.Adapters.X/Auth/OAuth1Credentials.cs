namespace Broker.Adapters.X.Auth;

/// <summary>An X app's consumer key pair plus one user's access token pair (OAuth 1.0a user context).</summary>
public sealed record OAuth1Credentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret)
{
    /// <summary>Never prints the secrets.</summary>
    public override string ToString() => $"OAuth1Credentials {{ ConsumerKey = {ConsumerKey} }}";
}
