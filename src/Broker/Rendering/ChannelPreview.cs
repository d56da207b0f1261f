using Broker.Adapters;

namespace Broker.Rendering;

/// <summary>An item as it will appear on one account: the exact text, its length as the platform counts it, the problems.</summary>
public sealed record ChannelPreview(
    string AccountId,
    string AccountName,
    string Platform,
    string? Text,
    int Length,
    int Limit,
    int Photos,
    IReadOnlyList<string> Problems)
{
    internal RenderedPost? Post { get; init; }

    /// <summary>How the channel shows a post, as its plugin describes it; null when no adapter is loaded for the platform.</summary>
    public PreviewDescriptor? Display { get; init; }

    /// <summary>Terms of an election period in force that this channel's text names (<see cref="Guardrails.ElectionGuard"/>).</summary>
    public IReadOnlyList<string> ElectionTerms { get; init; } = [];
}
