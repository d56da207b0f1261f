namespace Broker.Pages.Feeds;

/// <summary>The subscription form's fields as posted.</summary>
public sealed class FeedSubscriptionForm
{
    public string? Opd { get; set; }

    public string? Url { get; set; }

    public string? Name { get; set; }

    public List<string> AccountIds { get; set; } = [];
}
