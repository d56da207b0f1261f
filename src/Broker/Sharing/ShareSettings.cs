using Broker.Api;
using Broker.Audit;
using Broker.Events;
using Broker.Hosting;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>Opens an item for sharing by ASN (all of them, or chosen OPDs'), until an optional end, or closes it.</summary>
public sealed class ShareSettings(IItemStore items, IStateChanges changes, IOpdStore opds, Auditor audit, TimeProvider time, UserTimes userTimes, OpenItems openItems)
{
    public sealed record Request(DateTimeOffset? Until, List<string>? Opds);

    public async Task<FieldErrors> CheckAsync(Request request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        // No grace: sharing that ends before it opens is a mistake, whatever the clock's minutes.
        userTimes.Coming(errors, "until", request.Until, grace: TimeSpan.Zero);

        foreach (var opd in (request.Opds ?? []).Distinct())
        {
            if (await opds.GetAsync(opd, cancellationToken) is null)
            {
                errors.Add("opds", MessageCodes.UnknownOpd, $"There is no OPD '{opd}'.", ("opd", opd));
            }
        }

        return errors;
    }

    public async Task<OperationResult> OpenAsync(Item item, Request request, string actor, CancellationToken cancellationToken)
    {
        if (item.Status is not (ItemStatus.Approved or ItemStatus.Published))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemNotShareable, $"Only an approved or published item can be shared; this one is {Naming.Camel(item.Status)}.", ("status", item.Status)), item.Status);
        }

        var opening = item.SharedAt is null;
        item.SharedAt ??= time.GetUtcNow();
        item.ShareUntil = request.Until;
        item.ShareOpds = [.. (request.Opds ?? []).Distinct()];
        item.UpdatedAt = time.GetUtcNow();
        var scope = item.ShareOpds.Count == 0 ? "all ASN" : string.Join(", ", item.ShareOpds);
        var change = new StateChange().Update(item).Record(audit.Entry(actor, "item.shared", "item", item.Id, $"{scope} until {item.ShareUntil?.ToString("u") ?? "no end"}"));
        if (opening)
        {
            change.Raise(DomainEvents.Item(EventTypes.ItemOpenedForSharing, item, item.UpdatedAt, actor, ("opds", string.Join(',', item.ShareOpds)), ("shareUntil", DomainEvents.At(item.ShareUntil))));
        }
        if (await changes.CommitAsync(change, cancellationToken))
        {
            openItems.Forget();
            return OperationResult.Ok;
        }

        var status = (await items.GetAsync(item.Id, cancellationToken))?.Status ?? item.Status;
        return OperationResult.Conflict(
            UserMessage.Of(MessageCodes.ItemChangedMeanwhile, $"The item was changed by someone else meanwhile; it is now {Naming.Camel(status)}. Sharing was not changed.", ("status", status)), status);
    }

    /// <summary>Closes sharing; false when the item was changed meanwhile (nothing was done: read it again).</summary>
    public async Task<bool> CloseAsync(Item item, string actor, CancellationToken cancellationToken)
    {
        if (item.SharedAt is null)
        {
            return true;
        }

        item.SharedAt = null;
        item.ShareUntil = null;
        item.ShareOpds = [];
        item.UpdatedAt = time.GetUtcNow();
        var closed = await changes.CommitAsync(new StateChange().Update(item).Record(audit.Entry(actor, "item.unshared", "item", item.Id, null)), cancellationToken);
        if (closed)
        {
            openItems.Forget();
        }

        return closed;
    }
}
