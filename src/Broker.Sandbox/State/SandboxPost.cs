namespace Broker.Sandbox.State;

/// <summary>A live post held by the sandbox.</summary>
/// <param name="Platform">"facebook", "instagram" or "x".</param>
/// <param name="Kind">facebook: "status" or "photo"; instagram: "IMAGE" or "CAROUSEL_ALBUM"; x: "tweet".</param>
public sealed record SandboxPost(
    string Platform,
    string AccountId,
    string Id,
    string Kind,
    string? Text,
    string? Link,
    IReadOnlyList<string> MediaUrls,
    IReadOnlyList<string> MediaIds,
    DateTimeOffset CreatedAt,
    string Permalink)
{
    public int MediaCount => MediaIds.Count;
}
