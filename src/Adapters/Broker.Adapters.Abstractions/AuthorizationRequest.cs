namespace Broker.Adapters;

/// <summary>What the broker puts into one authorize URL.</summary>
/// <param name="State">The random value the platform sends back, tying the callback to this request.</param>
/// <param name="RedirectUri">The broker's callback; the platform must have it registered for the app.</param>
/// <param name="CodeChallenge">The PKCE S256 challenge of the verifier the broker keeps (RFC 7636); platforms without PKCE ignore it.</param>
public sealed record AuthorizationRequest(string State, Uri RedirectUri, string CodeChallenge);
