namespace Broker.Pages.Items;

/// <summary>The submit form's fields as typed; times are <c>datetime-local</c> values in the installation's zone.</summary>
public sealed class SubmitForm
{
    public string? Opd { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Link { get; set; }

    public string? EventEndedAt { get; set; }

    public string? PublishAt { get; set; }

    public List<string> AccountIds { get; set; } = [];

    /// <summary>Photos already stored by an earlier try of this form, so a refused form does not ask for them again.</summary>
    public List<string> MediaIds { get; set; } = [];
}
