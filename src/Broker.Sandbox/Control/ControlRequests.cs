namespace Broker.Sandbox.Control;

/// <summary>Bodies of the control API's POST endpoints.</summary>
internal sealed record LatencyRequest(int Milliseconds);

internal sealed record RevokeRequest(string Platform, string Token);

internal sealed record BearerTokenRequest(string Token, string UserId, DateTimeOffset? ExpiresAt);

internal sealed record AuthorizationCodeRequest(string Code, string UserId);

internal sealed record InstagramUserRequest(string AccessToken, string UserId);

/// <summary>The next authorize dialog of <paramref name="Platform"/> declines instead of consenting.</summary>
internal sealed record DenyConsentRequest(string Platform);

internal sealed record InstagramDeletesRequest(bool Supported);

/// <summary>A post made on the platform without the broker.</summary>
internal sealed record NativePostRequest(string Platform, string Account, string? Text, DateTimeOffset? At);

internal sealed record RetireMetricRequest(string Name);
