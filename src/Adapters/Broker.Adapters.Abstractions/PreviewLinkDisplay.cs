namespace Broker.Adapters;

/// <summary>How a channel shows the link of a post (<see cref="RenderedPost.Link"/>).</summary>
public enum PreviewLinkDisplay
{
    /// <summary>Only where the rendered text names it; links in the text are coloured.</summary>
    InText,

    /// <summary>The post's own page: the preview ends with a "read more" link to the permalink the platform will give.</summary>
    ReadMore,
}
