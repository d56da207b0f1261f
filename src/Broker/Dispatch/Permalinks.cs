using Broker.Api;

namespace Broker.Dispatch;

/// <summary>
/// A platform's permalink is stored only when it is an absolute https URL (no user info, no space or control character):
/// pages render it as a link and share links redirect to it, so a <c>javascript:</c> or <c>data:</c> answer from a
/// platform (or from whatever answers in its place) is dropped, with a warning, and the delivery keeps no permalink.
/// </summary>
internal static partial class Permalinks
{
    public static string? Keep(Uri? permalink, Delivery delivery, ILogger logger)
    {
        if (permalink is null)
        {
            return null;
        }

        var text = permalink.ToString();
        if (HttpUrls.IsSafeHttps(permalink.OriginalString) && HttpUrls.IsSafeHttps(text))
        {
            return text;
        }

        Dropped(logger, delivery.Id, delivery.Platform, permalink.OriginalString.Length > 200 ? permalink.OriginalString[..200] : permalink.OriginalString);
        return null;
    }

    [LoggerMessage(3030, LogLevel.Warning, "Delivery {DeliveryId} to {Platform}: the platform's permalink {Permalink} is not an https URL and is not kept")]
    private static partial void Dropped(ILogger logger, string deliveryId, string platform, string permalink);
}
