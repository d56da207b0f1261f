using Broker.Events;

namespace Broker.Notifications;

/// <summary>The page where the work an event asks for is done, relative to the broker's public base URL.</summary>
internal static class NotificationLinks
{
    public static string For(string eventType, string objectId, string? itemId)
    {
        var item = Uri.EscapeDataString(itemId ?? objectId);
        return eventType switch
        {
            EventTypes.ItemSubmitted => $"tinjau/{item}",
            EventTypes.AmplificationRequested or EventTypes.AmplificationDecided => $"amplifikasi/{Uri.EscapeDataString(objectId)}",
            EventTypes.DeliveryFailed or EventTypes.DeliveryHeld => "pengiriman",
            EventTypes.AccountNeedsReauthorization or EventTypes.AccountCircuitOpened => "akun",
            EventTypes.ItemOpenedForSharing => "asn",
            EventTypes.WebhookDisabled => "webhook",
            _ => $"konten/{item}",
        };
    }

    public const string Digest = "asn";

    public const string Preferences = "notifikasi";
}
