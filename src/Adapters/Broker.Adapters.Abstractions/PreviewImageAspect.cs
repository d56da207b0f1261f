namespace Broker.Adapters;

/// <summary>How a channel crops the photos of a post in its feed, for the review page's preview.</summary>
public enum PreviewImageAspect
{
    /// <summary>Square (1:1).</summary>
    Square,

    /// <summary>Wide (16:9), as featured images and link cards show.</summary>
    Wide,

    /// <summary>As the photo is, uncropped.</summary>
    Original,
}
