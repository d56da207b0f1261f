namespace Broker.Sandbox.State;

/// <summary>An OAuth 2.0 access token the sandbox accepts; <paramref name="ExpiresAt"/> null never expires.</summary>
public sealed record XBearerToken(string Token, string UserId, DateTimeOffset? ExpiresAt);
