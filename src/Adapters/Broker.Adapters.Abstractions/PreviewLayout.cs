namespace Broker.Adapters;

/// <summary>How the review page draws a post of a channel; the host knows these shapes, never the platforms behind them.</summary>
public enum PreviewLayout
{
    /// <summary>A social post: the account, the text, the photos below it, the reactions under them.</summary>
    Post,

    /// <summary>A photo post: the first photo above the text, more photos as dots (a carousel).</summary>
    PhotoFirst,

    /// <summary>A short post: the text beside the account's avatar, the photos in a rounded grid under it.</summary>
    Short,

    /// <summary>An article: a title, a featured image, the text as its body and a "read more" link.</summary>
    Article,
}
