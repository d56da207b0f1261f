namespace Broker.Sandbox.State;

/// <summary>OAuth 1.0a keys registered with the sandbox so it can verify signatures.</summary>
public sealed record XCredentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret, string UserId);
