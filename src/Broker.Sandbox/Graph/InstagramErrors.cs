using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.Graph;

/// <summary>Instagram's documented error codes (platforms.md §2.4); some numbers are UNCONFIRMED.</summary>
internal static class InstagramErrors
{
    public static SandboxAnswer QuotaReached() => GraphErrors.Error(
        9, "Application request limit reached", subcode: 2207042, userTitle: "The maximum number of posts that were allowed to be published has been reached.");

    public static SandboxAnswer ContainerLimitReached() => GraphErrors.Error(
        9, "Application request limit reached", subcode: 2207042, userTitle: "Too many containers were created in the last 24 hours.");

    public static SandboxAnswer ImageTooLarge() => GraphErrors.Error(
        36000, "The image size is too large.", subcode: 2207004, userTitle: "Image size too large");

    public static SandboxAnswer UnsupportedFormat() => GraphErrors.Error(
        36001, "The image format is not supported. Only JPEG images can be published.", subcode: 2207005, userTitle: "Unsupported image format");

    public static SandboxAnswer AspectRatio(double ratio) => GraphErrors.Error(
        36003,
        FormattableString.Invariant($"The submitted image with aspect ratio ('{ratio:0.###}:1') cannot be published. Please submit an image with a valid aspect ratio."),
        subcode: 2207009,
        userTitle: "Invalid aspect ratio");

    public static SandboxAnswer DownloadFailed(string detail) => GraphErrors.Error(
        9004, "Media download has failed. " + detail, subcode: 2207052, userTitle: "Media download failed");

    public static SandboxAnswer DownloadTimedOut() => GraphErrors.Error(
        -2, "The media could not be fetched from the URI in time.", subcode: 2207003, transient: true, userTitle: "Timeout");

    public static SandboxAnswer NotReady() => GraphErrors.Error(
        9007, "Media ID is not available", subcode: 2207027, userTitle: "The media is not ready for publishing, please wait for a moment");

    public static SandboxAnswer AlreadyPublished() => GraphErrors.Error(
        9007, "Media ID is not available", subcode: 2207027, userTitle: "The media has already been published");

    public static SandboxAnswer Expired() => GraphErrors.Error(
        -2, "The media has expired. Create a new container.", subcode: 2207020, userTitle: "Media expired");

    public static SandboxAnswer ContainerFailed() => GraphErrors.Error(
        -1, "Create media failed", subcode: 2207032, transient: true, userTitle: "The container ended in ERROR; create a new one");
}
