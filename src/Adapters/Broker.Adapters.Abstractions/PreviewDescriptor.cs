namespace Broker.Adapters;

/// <summary>
/// What the review page needs to draw a post of one channel the way the channel will show it, so the host names no
/// platform: the channel's name, the shape of its posts and how it treats titles, photos and links. The length bar uses
/// <see cref="IChannelAdapter.Limits"/> and <see cref="IChannelAdapter.MeasureText"/>.
/// </summary>
public sealed record PreviewDescriptor
{
    /// <summary>The channel's name as people know it (e.g. <c>Facebook</c>, <c>Portal WordPress</c>).</summary>
    public required string Label { get; init; }

    /// <summary>The shape of a post.</summary>
    public PreviewLayout Layout { get; init; } = PreviewLayout.Post;

    /// <summary>
    /// Whether the channel shows a title apart from the text: the first line of the rendered text is then the title
    /// (the adapter publishes it as such) and the rest is the body.
    /// </summary>
    public bool ShowsTitle { get; init; }

    /// <summary>How the channel crops photos in its feed.</summary>
    public PreviewImageAspect ImageAspect { get; init; } = PreviewImageAspect.Square;

    /// <summary>How many photos the channel shows with the post (the first as a featured image when 1).</summary>
    public int PhotosShown { get; init; } = 4;

    /// <summary>How the channel shows the post's link.</summary>
    public PreviewLinkDisplay Link { get; init; } = PreviewLinkDisplay.InText;

    /// <summary>A plain preview for an adapter that describes none: a social post under the platform's name.</summary>
    public static PreviewDescriptor For(string platform) => new() { Label = platform };
}
