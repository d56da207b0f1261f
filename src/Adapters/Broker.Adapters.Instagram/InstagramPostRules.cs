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

    private static IEnumerable<string> CheckPhoto(MediaFile photo, int number)
    {
        if (photo.ContentType != "image/jpeg")
        {
            // Conversion to JPEG is planned; until then the person must convert the photo.
            yield return $"Photo {number}: Instagram takes JPEG only; convert the photo.";
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
