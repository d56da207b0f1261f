namespace Broker.Sandbox.State;

/// <summary>A Facebook Page the sandbox's Facebook Login user manages; with <paramref name="HasInstagram"/> it has a linked Instagram business account.</summary>
public sealed record SandboxPage(string Id, string Name, bool HasInstagram)
{
    /// <summary>The linked Instagram business account's id (the same derivation <c>GET /{page-id}</c> answers).</summary>
    public string? InstagramUserId => HasInstagram ? SandboxIds.InstagramUserOfPage(Id) : null;

    public string? InstagramUsername => InstagramUserId is { } id ? "sandbox_" + id[^6..] : null;
}
