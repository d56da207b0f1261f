namespace Broker.Sandbox.State;

/// <summary>One request the sandbox answered (or dropped).</summary>
/// <param name="Platform">"facebook", "instagram", "x" or "sandbox" for unknown routes.</param>
/// <param name="Auth">How the caller authenticated: "access_token", "bearer", "oauth1-verified", "oauth1-unverified", "oauth2" or null.</param>
/// <param name="Aborted">True when the sandbox dropped the connection or the client gave up.</param>
public sealed record RecordedRequest(
    long Sequence,
    string Platform,
    string? Endpoint,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Body,
    int Status,
    bool Aborted,
    string? Auth,
    string? Fault,
    DateTimeOffset ReceivedAt);
