using System.Text;
using System.Text.Json;
using Broker.Events;

namespace Broker.Webhooks;

/// <summary>
/// The body of a webhook, in the Standard Webhooks shape: <c>{ "type", "timestamp", "data" }</c>, with the event's
/// object, OPD, actor and facts in <c>data</c>. Made once per message and stored, so a retry or a replay sends the same bytes.
/// </summary>
internal static class WebhookPayload
{
    private static readonly string[] Reserved = ["id", "objectType", "objectId", "opd", "actor"];

    public static string Of(DomainEvent domainEvent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", domainEvent.Type);
            json.WriteString("timestamp", domainEvent.OccurredAt);
            json.WriteStartObject("data");
            json.WriteString("id", domainEvent.Id);
            json.WriteString("objectType", domainEvent.ObjectType);
            json.WriteString("objectId", domainEvent.ObjectId);
            json.WriteString("opd", domainEvent.Opd);
            json.WriteString("actor", domainEvent.Actor);
            foreach (var (key, value) in domainEvent.Data.Where(d => !Reserved.Contains(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
