namespace Broker.Adapters;

/// <summary>
/// The codes of <see cref="PostProblem"/> the broker words in every page language, with the arguments each expects.
/// Every code may also take <c>platform</c> (the platform's name as people know it, e.g. "Instagram"). A plugin uses
/// these where they fit and leaves <see cref="PostProblem.Code"/> empty otherwise. A code, once published, keeps its meaning.
/// </summary>
public static class PostProblemCodes
{
    /// <summary>The post has nothing to show. Arguments: <c>platform</c>.</summary>
    public const string Empty = "post.empty";

    /// <summary>The text is longer than the platform takes. Arguments: <c>length</c>, <c>max</c> (as the platform counts), <c>platform</c>.</summary>
    public const string TextTooLong = "text.tooLong";

    /// <summary>The post needs a title and has none (the first line of the text). Arguments: <c>platform</c>.</summary>
    public const string TitleMissing = "text.titleMissing";

    /// <summary>The text has more hashtags than the platform takes. Arguments: <c>count</c>, <c>max</c>, <c>platform</c>.</summary>
    public const string TooManyHashtags = "text.tooManyHashtags";

    /// <summary>The post has fewer photos than the platform needs. Arguments: <c>min</c>, <c>platform</c>.</summary>
    public const string TooFewPhotos = "photos.tooFew";

    /// <summary>The post has more photos than the platform takes. Arguments: <c>count</c>, <c>max</c>, <c>platform</c>.</summary>
    public const string TooManyPhotos = "photos.tooMany";

    /// <summary>A photo's type is not one the platform takes. Arguments: <c>number</c> (from 1), <c>type</c>, <c>accepted</c>, <c>platform</c>.</summary>
    public const string PhotoType = "photo.type";

    /// <summary>A photo is larger than the platform takes. Arguments: <c>number</c>, <c>megabytes</c>, <c>max</c> (megabytes), <c>platform</c>.</summary>
    public const string PhotoTooLarge = "photo.tooLarge";

    /// <summary>A photo's width and height are not known. Arguments: <c>number</c>, <c>platform</c>.</summary>
    public const string PhotoSizeUnknown = "photo.sizeUnknown";

    /// <summary>A photo's shape is outside what the platform takes. Arguments: <c>number</c>, <c>width</c>, <c>height</c>, <c>ratio</c>, <c>min</c>, <c>max</c> (width ÷ height), <c>platform</c>.</summary>
    public const string PhotoRatio = "photo.ratio";
}
