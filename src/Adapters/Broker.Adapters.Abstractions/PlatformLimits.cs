namespace Broker.Adapters;

/// <summary>What a platform accepts in one post.</summary>
/// <param name="MaxTextLength">The longest text, as <see cref="IChannelAdapter.MeasureText"/> counts it.</param>
/// <param name="MinPhotos">The fewest photos a post needs (1 for Instagram).</param>
/// <param name="MaxPhotos">The most photos one post can carry.</param>
public sealed record PlatformLimits(int MaxTextLength, int MinPhotos, int MaxPhotos);
