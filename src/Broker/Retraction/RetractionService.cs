using Broker.Api;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Intake;
using Broker.Sharing;
using Broker.Storage;

namespace Broker.Retraction;

/// <summary>
/// Retracts an item: in one compare-and-set the item becomes retracted, each published post is marked for removal, each
/// delivery not yet out is cancelled, and the audit entries and the <c>item.retracted</c> event are written. Nothing is
/// deleted here: the <see cref="RemovalWorker"/> deletes what the committed state says, so a crash after the commit
/// loses nothing and a crash before it leaves the item as it was.
/// </summary>
public sealed class RetractionService(
    IItemStore items,
    IDeliveryStore deliveries,
    IStateChanges changes,
    IArchiveStore archive,
    RemovalWorker worker,
    LinkResolver links,
    OpenItems openItems,
    Auditor audit,
    TimeProvider time)
{
    public const int MaxReason = Notes.MaxLength;

    /// <summary>Retracts <paramref name="item"/>; <paramref name="with"/> adds writes that must stand or fall with it (a correction's new item).</summary>
    public async Task<OperationResult> RetractAsync(Item item, string reason, string actor, CancellationToken cancellationToken, StateChange? with = null)
    {
        if (item.Status is not (ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemNotRetractable, $"Only an approved or published item can be retracted; this one is {Naming.Camel(item.Status)}.", ("status", item.Status)), item.Status);
        }

        // Finished work archived long ago is moved back among the working rows first, so the retraction commits as usual.
        await archive.RestoreAsync(item.Id, cancellationToken);
        var all = await deliveries.ListByItemAsync(item.Id, cancellationToken);
        if (all.Any(d => d.Status is DeliveryStatus.Publishing or DeliveryStatus.Editing))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemBusy, "A post of this item is being published or edited right now; retract it again in a moment, once the platform has answered."), item.Status);
        }

        var now = time.GetUtcNow();
        var change = with ?? new StateChange();
        var removals = 0;
        foreach (var delivery in all)
        {
            if (Withdraw(delivery, now) is { } action)
            {
                removals += delivery.Status == DeliveryStatus.Removing ? 1 : 0;
                change.Update(delivery).Record(audit.Entry(actor, action, "delivery", delivery.Id, delivery.Error));
            }
        }

        item.Status = ItemStatus.Retracted;
        item.RetractedAt = now;
        item.RetractedBy = actor;
        item.RetractReason = reason;
        item.UpdatedAt = now;
        change.Update(item)
            .Record(audit.Entry(actor, "item.retracted", "item", item.Id, reason))
            .Raise(new DomainEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                Type = EventTypes.ItemRetracted,
                ObjectType = "item",
                ObjectId = item.Id,
                OccurredAt = now,
                Opd = item.Opd,
                Actor = actor,
                Data = new() { ["title"] = item.Title, ["reason"] = reason },
            });
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            var current = await items.GetAsync(item.Id, cancellationToken);
            var status = current?.Status ?? item.Status;
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemChangedMeanwhile, $"The item or one of its deliveries was changed meanwhile; it is now {Naming.Camel(status)}. Nothing was retracted.", ("status", status)), status);
        }

        links.Forget(item.Id);
        openItems.Forget();
        if (removals > 0)
        {
            worker.Wake();
        }

        return OperationResult.Ok;
    }

    /// <summary>What becomes of one delivery; the audit action, or null when it stays as it is (failed, cancelled).</summary>
    private static string? Withdraw(Delivery delivery, DateTimeOffset now)
    {
        string? action = null;
        if (delivery.Status == DeliveryStatus.Published)
        {
            if (delivery.RemotePostId is null)
            {
                delivery.Status = DeliveryStatus.ManualRemovalNeeded;
                delivery.Explain(DeliveryReasonCodes.RemovalNoPostId, "The platform gave no post id, so the post cannot be deleted through its API; remove it by hand.");
                action = "delivery.manualRemovalNeeded";
            }
            else
            {
                delivery.Status = DeliveryStatus.Removing;
                delivery.DueAt = now;
                delivery.ClaimedBy = null;
                delivery.Explain(null, null);
                action = "delivery.removing";
            }
        }
        else if (delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Held
            || (delivery.Status == DeliveryStatus.Failed && delivery.NeedsReconcile))
        {
            // An earlier attempt may have published it without the broker learning the post's id: a person checks.
            delivery.Status = delivery.NeedsReconcile ? DeliveryStatus.ManualRemovalNeeded : DeliveryStatus.Cancelled;
            if (delivery.NeedsReconcile)
            {
                delivery.Explain(DeliveryReasonCodes.RemovalCheckByHand, "The item was retracted; an earlier attempt may have published this post: check the account and remove it if it is there.");
            }
            else
            {
                delivery.Explain(DeliveryReasonCodes.Retracted, "The item was retracted before this post was published.");
            }

            action = "delivery." + Naming.Camel(delivery.Status);
        }

        if (action is not null)
        {
            delivery.UpdatedAt = now;
        }

        return action;
    }
}
