namespace Broker.Sandbox.State;

/// <summary>A code the sandbox's authorize dialog handed out: single-use, bound to the app, the redirect and the user.</summary>
/// <param name="Code">The code itself.</param>
/// <param name="Platform">facebook, instagram or x.</param>
/// <param name="ClientId">The app that asked for it.</param>
/// <param name="RedirectUri">The redirect_uri of the authorize request; the token request must repeat it exactly.</param>
/// <param name="UserId">Who consented.</param>
/// <param name="CodeChallenge">X only: the PKCE challenge the token request's code_verifier must match.</param>
/// <param name="ChallengeMethod">X only: S256 or plain.</param>
/// <param name="ExpiresAt">Codes live ten minutes here; the platforms' own code lifetimes are not in the reference (UNCONFIRMED).</param>
public sealed record AuthorizationCode(
    string Code,
    string Platform,
    string ClientId,
    string RedirectUri,
    string UserId,
    string? CodeChallenge,
    string? ChallengeMethod,
    DateTimeOffset ExpiresAt);
