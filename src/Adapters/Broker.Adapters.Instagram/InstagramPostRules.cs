using System.Text.RegularExpressions;
using Broker.Adapters.Graph;

namespace Broker.Adapters.Instagram;

/// <summary>What Instagram accepts in a feed post (platforms.md §2.3).</summary>
internal static partial class InstagramPostRules
{
    public const int MaxCaptionLength = 2_200;
    public const int MaxHashtags = 30;
    public const int MinPhotos = 1;
    public const int MaxPhotos = 10;
    public const long MaxPhotoBytes = 8L * 1024 * 1024;
    private const double NarrowestRatio = 4.0 / 5.0;
    private const double WidestRatio = 1.91;

    /// <summary>The <c>platform</c> argument of Instagram's <see cref="PostProblem"/>s.</summary>
    private static readonly (string, object) Name = ("platform", "Instagram");

    public static IReadOnlyList<PostProblem> Check(RenderedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var problems = new List<PostProblem>();
        var length = GraphText.CountCharacters(post.Text);
        if (length > MaxCaptionLength)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TextTooLong, $"The caption is {length:N0} characters long; Instagram takes at most {MaxCaptionLength:N0}.", ("length", length), ("max", MaxCaptionLength), Name));
        }

        var hashtags = Hashtag().Count(post.Text);
        if (hashtags > MaxHashtags)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TooManyHashtags, $"The caption has {hashtags} hashtags; Instagram takes at most {MaxHashtags}.", ("count", hashtags), ("max", MaxHashtags), Name));
        }

        if (post.Media.Count < MinPhotos)
        {
            problems.Add(PostProblem.Coded(PostProblemCodes.TooFewPhotos, "An Instagram post needs at least one photo.", ("min", MinPhotos), Name));
        }

        if (post.Media.Count > MaxPhotos)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TooManyPhotos, $"An Instagram post carries at most {MaxPhotos} photos; this one has {post.Media.Count}.", ("count", post.Media.Count), ("max", MaxPhotos), Name));
        }

        foreach (var (photo, number) in post.Media.Select((photo, index) => (photo, index + 1)))
        {
            problems.AddRange(CheckPhoto(photo, number));
        }

        return problems;
    }

    /// <summary>What Instagram is given for <paramref name="photo"/>: the broker's JPEG rendition of a PNG, else the photo itself.</summary>
    public static MediaFile Offered(MediaFile photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return photo.JpegRendition ?? photo;
    }

    private static IEnumerable<PostProblem> CheckPhoto(MediaFile original, int number)
    {
        var photo = Offered(original);
        if (photo.ContentType != "image/jpeg")
        {
            yield return PostProblem.Coded(
                PostProblemCodes.PhotoType,
                $"Photo {number}: Instagram takes JPEG only, and the broker has no JPEG copy of this {original.ContentType} photo; upload it as JPEG.",
                ("number", number),
                ("type", original.ContentType),
                ("accepted", "JPEG"),
                Name);
        }

        if (photo.Length > MaxPhotoBytes)
        {
            var megabytes = Math.Round(photo.Length / (1024.0 * 1024.0), 1);
            yield return PostProblem.Coded(
                PostProblemCodes.PhotoTooLarge, $"Photo {number} is {megabytes:0.#} MiB; Instagram takes at most 8 MiB.", ("number", number), ("megabytes", megabytes), ("max", 8), Name);
        }

        if (photo.Width <= 0 || photo.Height <= 0)
        {
            yield return PostProblem.Coded(PostProblemCodes.PhotoSizeUnknown, $"Photo {number} has no known size.", ("number", number), Name);
        }
        else
        {
            var ratio = (double)photo.Width / photo.Height;
            if (ratio < NarrowestRatio - 0.001 || ratio > WidestRatio + 0.001)
            {
                yield return PostProblem.Coded(
                    PostProblemCodes.PhotoRatio,
                    $"Photo {number} is {photo.Width}×{photo.Height}; Instagram takes shapes from 4:5 (portrait) to 1.91:1 (landscape). Crop it.",
                    ("number", number),
                    ("width", photo.Width),
                    ("height", photo.Height),
                    ("ratio", Math.Round(ratio, 2)),
                    ("min", NarrowestRatio),
                    ("max", WidestRatio),
                    Name);
            }
        }
    }

    /// <summary>A hashtag as Instagram links it: '#' followed by letters, digits or underscores.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+")]
    private static partial Regex Hashtag();
}
