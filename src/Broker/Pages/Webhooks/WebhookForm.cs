using Broker.Webhooks;

namespace Broker.Pages.Webhooks;

/// <summary>The fields of the webhook forms, as posted.</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    public List<string> EventTypes { get; set; } = [];

    public string? Description { get; set; }

    public string? Secret { get; set; }

    public bool Enabled { get; set; } = true;

    public WebhookRequest ToRequest(bool creating) =>
        new(Url, EventTypes, string.IsNullOrWhiteSpace(Description) ? null : Description, Enabled, creating && !string.IsNullOrWhiteSpace(Secret) ? Secret.Trim() : null);

    /// <summary>The page's own words for a refused field: the service's messages are the API's, in English.</summary>
    public static Dictionary<string, string[]> Translate(Api.FieldErrors errors) =>
        MessageText.Of(errors).ToDictionary(e => e.Key, e => e.Key switch
        {
            "url" => [Text.Webhooks_BadUrl],
            "secret" => [Text.Webhooks_BadSecret],
            _ => e.Value,
        });
}
