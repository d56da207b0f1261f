using System.Globalization;

namespace Broker.Adapters.X.Publishing;

/// <summary>A media id X issued and when it stops being attachable; kept in the delivery's progress.</summary>
internal sealed record XUploadedMedia(string MediaId, DateTimeOffset ExpiresAt)
{
    public string Serialize() => $"{MediaId}|{ExpiresAt.ToString("O", CultureInfo.InvariantCulture)}";

    public static XUploadedMedia? Deserialize(string? value)
    {
        var parts = value?.Split('|');
        return parts is [{ Length: > 0 } id, var expires]
            && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new XUploadedMedia(id, at)
            : null;
    }
}
