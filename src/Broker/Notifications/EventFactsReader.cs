using Broker.Events;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Notifications;

/// <summary>
/// Reads what routing and the message need about an event's object: the item (for item events, and through the
/// delivery for delivery events), the account, the amplification request. The event's own <see cref="DomainEvent.Data"/>
/// is used first where it carries the fact, so a later change to the object does not change what the event meant.
/// </summary>
internal sealed class EventFactsReader(IItemStore items, IDeliveryStore deliveries, IAccountStore accounts, IAmplificationStore requests)
{
    public async Task<EventSubject> ReadAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var data = domainEvent.Data;
        var subject = new EventSubject { Opd = domainEvent.Opd };
        var itemId = data.GetValueOrDefault("itemId") ?? (domainEvent.ObjectType == "item" ? domainEvent.ObjectId : null);
        var accountId = data.GetValueOrDefault("accountId") ?? (domainEvent.ObjectType == "account" ? domainEvent.ObjectId : null);
        if (domainEvent.ObjectType == "delivery" && await deliveries.GetAsync(domainEvent.ObjectId, cancellationToken) is { } delivery)
        {
            itemId ??= delivery.ItemId;
            accountId ??= delivery.AccountId;
            subject.Platform = delivery.Platform;
        }

        if (domainEvent.ObjectType == "amplification" && await requests.GetAsync(domainEvent.ObjectId, cancellationToken) is { } request)
        {
            subject.Opd ??= request.Opd;
            subject.SubmittedBy = request.RequestedBy;
            itemId ??= request.ItemId;
        }

        if (accountId is not null && await accounts.GetAsync(accountId, cancellationToken) is { } account)
        {
            subject.AccountOpd = account.Opd;
            subject.AccountName = account.Name;
            subject.Platform ??= account.Platform;
        }

        if (itemId is not null && await items.GetAsync(itemId, cancellationToken) is { } item)
        {
            subject.Item = item;
            subject.Opd ??= item.Opd;
            subject.SubmittedBy ??= item.SubmittedBy;
            subject.OpdReviewsOwn = await GoesOnlyToOwnAccountsAsync(item, cancellationToken);
        }

        subject.SubmittedBy = data.GetValueOrDefault("submittedBy") ?? data.GetValueOrDefault("requestedBy") ?? subject.SubmittedBy;
        return subject;
    }

    // The review rule of ReviewService.WhyCannotReviewAsync: an OPD reviews its own item when it goes only to its accounts.
    private async Task<bool> GoesOnlyToOwnAccountsAsync(Item item, CancellationToken cancellationToken)
    {
        foreach (var id in item.AccountIds)
        {
            if (await accounts.GetAsync(id, cancellationToken) is not { } account || account.Opd != item.Opd)
            {
                return false;
            }
        }

        return item.AccountIds.Count > 0;
    }
}
