using Broker.Intake;

namespace Broker.Notifications;

/// <summary>The object an event is about, as far as notifications need it.</summary>
internal sealed class EventSubject
{
    public string? Opd { get; set; }

    public string? SubmittedBy { get; set; }

    public bool OpdReviewsOwn { get; set; }

    public Item? Item { get; set; }

    public string? AccountOpd { get; set; }

    public string? AccountName { get; set; }

    public string? Platform { get; set; }

    /// <summary>Routing's view: problems with an account go to the account's OPD, the rest to the object's.</summary>
    public EventFacts Facts(string eventType) => new(
        eventType.StartsWith("account.", StringComparison.Ordinal) || eventType.StartsWith("delivery.", StringComparison.Ordinal) ? AccountOpd ?? Opd : Opd,
        SubmittedBy,
        OpdReviewsOwn,
        Item?.ShareOpds ?? []);
}
