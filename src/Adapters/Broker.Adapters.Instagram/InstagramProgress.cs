using System.Globalization;

namespace Broker.Adapters.Instagram;

/// <summary>The names under which the adapter keeps a delivery's progress. An empty value means "forgotten".</summary>
internal static class InstagramProgress
{
    /// <summary>The container to publish (the single photo's, or the carousel parent).</summary>
    public const string Container = "instagram.container";

    /// <summary>The published media id, once media_publish answered.</summary>
    public const string Media = "instagram.media";

    /// <summary>How many times Instagram failed to download a photo of this delivery.</summary>
    public const string DownloadFailures = "instagram.download-failures";

    /// <summary>The carousel item container of photo <paramref name="index"/>.</summary>
    public static string Child(int index) => string.Create(CultureInfo.InvariantCulture, $"instagram.child.{index}");

    public static string? Saved(this IDeliveryProgress progress, string key) =>
        progress.Get(key) is { Length: > 0 } value ? value : null;
}
