namespace Broker.Adapters;

/// <summary>A post as the broker rendered it for one account: the exact text and the photos to attach.</summary>
public sealed record RenderedPost
{
    /// <summary>The text, exactly as it should appear on the platform.</summary>
    public required string Text { get; init; }

    /// <summary>The link the post points to (the portal article), if any. It is usually also part of <see cref="Text"/>.</summary>
    public Uri? Link { get; init; }

    /// <summary>The photos, in order.</summary>
    public IReadOnlyList<MediaFile> Media { get; init; } = [];
}
