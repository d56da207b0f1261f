using Broker.Adapters;
using Broker.Api;
using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Events;
using Broker.Intake;
using Broker.Rendering;
using Broker.Storage;

namespace Broker.Retraction;

/// <summary>
/// A correction by edit in place: a published item's title and body are replaced and each of its posts is rewritten on
/// its platform, where every platform it went to can edit a post (<see cref="IPostEditor"/>); elsewhere the correction
/// is the reviewed new item that retracts the original (<see cref="CorrectionService"/>). One compare-and-set stores the
/// new content, its revision (<see cref="ItemRevision.EditedInPlace"/>, with the reason), each post marked
/// <see cref="DeliveryStatus.Editing"/> with its new text, the audit entry and the event; the platform calls come after,
/// from that state (<see cref="PostEditSweep"/>), so a crash in between loses nothing and an edit made twice is harmless.
/// </summary>
public sealed class InPlaceEdits(
    IItemStore items,
    IDeliveryStore deliveries,
    IStateChanges changes,
    AdapterRegistry adapters,
    PostRenderer renderer,
    PostEditSweep sweep,
    Auditor audit,
    TimeProvider time)
{
    /// <summary>Whether every published post of the item can be edited in place (none of another kind is live).</summary>
    public bool Supports(IReadOnlyList<Delivery> all) =>
        all.Any(d => d.Status == DeliveryStatus.Published)
        && all.Where(d => d.Status == DeliveryStatus.Published).All(d => d.RemotePostId is not null && adapters.Find(d.Platform) is IPostEditor);

    public async Task<OperationResult> EditAsync(Item item, string title, string body, string reason, string actor, CancellationToken cancellationToken)
    {
        if (item.Status != ItemStatus.Published)
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemNotPublished, $"Only a published item is edited in place; this one is {Naming.Camel(item.Status)}.", ("status", item.Status)), item.Status);
        }

        var all = await deliveries.ListByItemAsync(item.Id, cancellationToken);
        if (all.Any(d => d.Status is DeliveryStatus.Publishing or DeliveryStatus.Editing or DeliveryStatus.Removing))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemBusy, "A post of this item is being published or changed right now; try again once it is done."), item.Status);
        }

        if (!Supports(all))
        {
            return OperationResult.Conflict(
                UserMessage.Of(
                    MessageCodes.ItemNotEditableInPlace,
                    "Not every platform this item went to can edit a published post (only Facebook can): correct it by retracting it and publishing the corrected version."),
                item.Status);
        }

        var now = time.GetUtcNow();
        item.Title = title;
        item.Body = body;
        item.UpdatedAt = now;
        var previews = (await renderer.PreviewAsync(item, cancellationToken)).ToDictionary(p => p.AccountId, StringComparer.Ordinal);
        var change = new StateChange();
        foreach (var delivery in all.Where(d => d.Status == DeliveryStatus.Published))
        {
            if (!previews.TryGetValue(delivery.AccountId, out var preview) || preview.Text is null || preview.Problems.Count > 0)
            {
                var problems = preview?.Messages ?? [UserMessage.Of(MessageCodes.AccountGone, $"Account '{delivery.AccountId}' is no longer one of the item's accounts.", ("account", delivery.AccountId))];
                return OperationResult.Invalid(new Dictionary<string, UserMessage[]> { [$"accounts[{delivery.AccountId}]"] = [.. problems] });
            }

            delivery.Status = DeliveryStatus.Editing;
            delivery.Text = preview.Text;
            delivery.DueAt = now;
            delivery.ClaimedBy = null;
            delivery.EditAttempts = 0;
            delivery.Explain(null, null);
            delivery.UpdatedAt = now;
            change.Update(delivery).Record(audit.Entry(actor, "delivery.editing", "delivery", delivery.Id, null));
        }

        change.Update(item)
            .Insert(ItemRevision.Of(item, item.Version + 1, ItemRevision.EditedInPlace, actor, now, reason))
            .Record(audit.Entry(actor, "item.editedInPlace", "item", item.Id, reason))
            .Raise(DomainEvents.Item(EventTypes.ItemEditedInPlace, item, now, actor, ("reason", reason)));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            var status = (await items.GetAsync(item.Id, cancellationToken))?.Status ?? item.Status;
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemChangedMeanwhile, $"The item or one of its posts was changed meanwhile; it is now {Naming.Camel(status)}. Nothing was edited.", ("status", status)), status);
        }

        await sweep.PassAsync(cancellationToken);
        return OperationResult.Ok;
    }
}
