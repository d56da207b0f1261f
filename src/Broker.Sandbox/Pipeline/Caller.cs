namespace Broker.Sandbox.Pipeline;

/// <summary>Who made the call, as far as the platform's authentication tells.</summary>
/// <param name="UserId">X: the user; Graph: null (the path names the account).</param>
/// <param name="Auth">access_token, bearer, oauth1-verified, oauth1-unverified, oauth2.</param>
internal sealed record Caller(string? UserId, string Token, string Auth);
