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

    public static IReadOnlyList<string> Check(RenderedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var problems = new List<string>();
        var length = GraphText.CountCharacters(post.Text);
        if (length > MaxCaptionLength)
        {
            problems.Add($"The caption is {length:N0} characters long; Instagram takes at most {MaxCaptionLength:N0}.");
        }

        var hashtags = Hashtag().Count(post.Text);
        if (hashtags > MaxHashtags)
        {
            problems.Add($"The caption has {hashtags} hashtags; Instagram takes at most {MaxHashtags}.");
        }

        if (post.Media.Count < MinPhotos)
        {
            problems.Add("An Instagram post needs at least one photo.");
        }

        if (post.Media.Count > MaxPhotos)
        {
            problems.Add($"An Instagram post carries at most {MaxPhotos} photos; this one has {post.Media.Count}.");
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

    private static IEnumerable<string> CheckPhoto(MediaFile original, int number)
    {
        var photo = Offered(original);
        if (photo.ContentType != "image/jpeg")
        {
            yield return $"Photo {number}: Instagram takes JPEG only, and the broker has no JPEG copy of this {original.ContentType} photo; upload it as JPEG.";
        }

        if (photo.Length > MaxPhotoBytes)
        {
            yield return $"Photo {number} is {photo.Length / (1024.0 * 1024.0):0.#} MiB; Instagram takes at most 8 MiB.";
        }

        if (photo.Width <= 0 || photo.Height <= 0)
        {
            yield return $"Photo {number} has no known size.";
        }
        else
        {
            var ratio = (double)photo.Width / photo.Height;
            if (ratio < NarrowestRatio - 0.001 || ratio > WidestRatio + 0.001)
            {
                yield return $"Photo {number} is {photo.Width}×{photo.Height}; Instagram takes shapes from 4:5 (portrait) to 1.91:1 (landscape). Crop it.";
            }
        }
    }

    /// <summary>A hashtag as Instagram links it: '#' followed by letters, digits or underscores.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+")]
    private static partial Regex Hashtag();
}
