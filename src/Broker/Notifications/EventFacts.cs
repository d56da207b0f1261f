namespace Broker.Notifications;

/// <summary>What routing needs to know about an event's object, read once by the consumer (<see cref="EventFactsReader"/>).</summary>
/// <param name="Opd">The OPD of the object: the item's, or the account's for deliveries and accounts.</param>
/// <param name="SubmittedBy">The user who submitted the item (or requested the amplification).</param>
/// <param name="OpdReviewsOwn">Whether the OPD's own admins may review the item (it goes only to the OPD's accounts).</param>
/// <param name="ShareOpds">The OPDs whose ASN may share the item; empty means every ASN.</param>
public sealed record EventFacts(string? Opd, string? SubmittedBy, bool OpdReviewsOwn, IReadOnlyList<string> ShareOpds)
{
    public static readonly EventFacts None = new(null, null, false, []);
}
