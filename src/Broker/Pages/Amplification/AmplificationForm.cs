namespace Broker.Pages.Amplification;

/// <summary>The request form's fields as typed; the wished time is a <c>datetime-local</c> value in the installation's zone.</summary>
public sealed class AmplificationForm
{
    public string? ItemId { get; set; }

    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Note { get; set; }

    public List<string> AccountIds { get; set; } = [];

    public string? WishedAt { get; set; }
}
