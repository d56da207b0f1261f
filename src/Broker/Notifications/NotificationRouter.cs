using Broker.Access;
using Broker.Events;

namespace Broker.Notifications;

/// <summary>
/// Who is told of an event, by role and OPD: a pure function of the event, the facts of its object and the users. The
/// person who caused the event is not told of it, nor is anyone whose access was revoked.
/// </summary>
public static class NotificationRouter
{
    public static IReadOnlyList<string> Route(DomainEvent domainEvent, EventFacts facts, IEnumerable<User> users)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(facts);
        var active = users.Where(u => u.RevokedAt is null).ToList();
        var chosen = Choose(domainEvent.Type, facts, active);
        return [.. chosen.Select(u => u.Id).Where(id => id != domainEvent.Actor).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<User> Choose(string type, EventFacts facts, List<User> users)
    {
        IEnumerable<User> Editors() => users.Where(u => u.Role == UserRole.Editor);
        IEnumerable<User> Submitter() => users.Where(u => u.Id == facts.SubmittedBy);
        IEnumerable<User> OpdAdmins() => users.Where(u => u.Role == UserRole.OpdAdmin && facts.Opd is not null && u.Opd == facts.Opd);

        return type switch
        {
            // The OPD's own reviewers are its other admins: the submitter never reviews their own item.
            EventTypes.ItemSubmitted => facts.OpdReviewsOwn ? Editors().Concat(OpdAdmins().Where(u => u.Id != facts.SubmittedBy)) : Editors(),
            EventTypes.AmplificationRequested => Editors(),
            EventTypes.ItemSentBack or EventTypes.ItemApproved or EventTypes.ItemRejected or EventTypes.AmplificationDecided => Submitter(),
            EventTypes.DeliveryFailed or EventTypes.DeliveryHeld or EventTypes.AccountNeedsReauthorization or EventTypes.AccountCircuitOpened =>
                Editors().Concat(OpdAdmins()),
            EventTypes.ItemDeadlineApproaching => Editors().Concat(Submitter()),
            EventTypes.ItemOpenedForSharing => users.Where(u => u.Role == UserRole.Asn && (facts.ShareOpds.Count == 0 || (u.Opd is not null && facts.ShareOpds.Contains(u.Opd)))),
            EventTypes.WebhookDisabled => Editors(),
            _ => [],
        };
    }
}
