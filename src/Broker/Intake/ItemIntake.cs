using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.Intake;

/// <summary>Checks and stores submitted items, and edits of them (an edit of an approved item sends it back to review).</summary>
public sealed class ItemIntake(
    IItemStore items,
    IOpdStore opds,
    IAccountStore accounts,
    IMediaStore media,
    IDeliveryStore deliveries,
    IStateChanges changes,
    IDeliveryScheduler scheduler,
    Auditor audit,
    TimeProvider time,
    UserTimes userTimes)
{
    public const int MaxTitle = 300;
    public const int MaxBody = 100_000;
    public const int MaxPhotos = 10;
    public const int MaxAccounts = 50;

    public async Task<FieldErrors> ValidateAsync(ItemRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("opd", request.Opd, 32);
        if (request.Opd is { Length: > 0 } code && await opds.GetAsync(code, cancellationToken) is null)
        {
            errors.Add("opd", MessageCodes.UnknownOpd, $"There is no OPD '{code}'.", ("opd", code));
        }

        errors.Text("title", request.Title, MaxTitle);
        errors.Text("body", request.Body, MaxBody);
        errors.Url("link", request.Link);
        userTimes.Coming(errors, "publishAt", request.PublishAt);
        userTimes.Supported(errors, "eventEndedAt", request.EventEndedAt);

        await CheckIdsAsync(errors, "mediaIds", request.MediaIds ?? [], MaxPhotos, 0, async id => await media.GetAsync(id, cancellationToken) is not null, cancellationToken);
        await CheckIdsAsync(errors, "accountIds", request.AccountIds ?? [], MaxAccounts, 1, async id => await accounts.GetAsync(id, cancellationToken) is not null, cancellationToken);
        if (caller.Role == UserRole.OpdAdmin)
        {
            foreach (var id in (request.AccountIds ?? []).Distinct())
            {
                if (await accounts.GetAsync(id, cancellationToken) is { } account && account.Opd != caller.Opd)
                {
                    errors.Add("accountIds", MessageCodes.NotYourAccount, $"Account '{id}' is not one of your OPD's accounts; to reach the city's accounts, request amplification.", ("account", account.Name));
                }
            }
        }

        return errors;
    }

    public async Task<Item> SubmitAsync(ItemRequest request, string actor, CancellationToken cancellationToken)
    {
        var item = Draft(request, actor);
        var change = new StateChange()
            .Insert(item)
            .Record(audit.Entry(actor, "item.submitted", "item", item.Id, item.Title))
            .Raise(Submitted(item, actor));
        await changes.CommitAsync(change, cancellationToken);
        return item;
    }

    /// <summary>The <c>item.submitted</c> event of a new item, or of one sent back to review by an edit.</summary>
    public DomainEvent Submitted(Item item, string actor, bool resubmitted = false) =>
        DomainEvents.Item(EventTypes.ItemSubmitted, item, time.GetUtcNow(), actor, ("resubmitted", resubmitted ? "true" : null));

    /// <summary>A new submitted item made from a checked request, not stored yet: for a change that stores it with others (<see cref="StateChange.Insert(Item)"/>).</summary>
    public Item Draft(ItemRequest request, string actor)
    {
        var now = time.GetUtcNow();
        var item = new Item
        {
            Id = Guid.NewGuid().ToString("N"),
            Opd = request.Opd!,
            Title = request.Title!.Trim(),
            Body = request.Body!.Trim(),
            Status = ItemStatus.Submitted,
            SubmittedBy = actor,
            CreatedAt = now,
        };
        Apply(item, request, now);
        return item;
    }

    /// <summary>
    /// Edits an item not yet published; an approved one goes back to review and its pending deliveries are cancelled, in
    /// the same transaction as the edit. The editor is remembered (<see cref="Item.EditedBy"/>) and named in the audit
    /// entry with what changed. Made only over the version that was read: a concurrent decision or edit wins or loses whole.
    /// </summary>
    public async Task<OperationResult> EditAsync(Item item, ItemRequest request, string actor, CancellationToken cancellationToken)
    {
        if (item.Status is ItemStatus.Rejected or ItemStatus.Published or ItemStatus.Failed or ItemStatus.Retracted)
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemCannotEdit, $"A {Naming.Camel(item.Status)} item cannot be edited.", ("status", item.Status)), item.Status);
        }

        if (request.Version is { } version && version != item.Version)
        {
            return OperationResult.Conflict(
                UserMessage.Of(
                    MessageCodes.ItemEditStale, $"The item was changed since version {version} (it is at version {item.Version}); read it again and redo the edit.", ("read", version), ("current", item.Version)),
                item.Status);
        }

        var existing = await deliveries.ListByItemAsync(item.Id, cancellationToken);
        if (existing.Any(d => d.Status is DeliveryStatus.Publishing or DeliveryStatus.Published))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ItemPublishingBegun, "Publication of this item has already begun; it can no longer be edited."), item.Status);
        }

        var now = time.GetUtcNow();
        var change = new StateChange();
        var cancelled = existing.Where(d => d.Status != DeliveryStatus.Cancelled).ToList();
        foreach (var delivery in cancelled)
        {
            delivery.Status = DeliveryStatus.Cancelled;
            delivery.Explain(DeliveryReasonCodes.EditedAfterApproval, "The item was edited after approval and went back to review.");
            delivery.UpdatedAt = now;
            change.Update(delivery);
        }

        var changed = Changes(item, request);
        var cause = item.Status == ItemStatus.SentBack ? item.ReviewComment : null;
        item.Title = request.Title!.Trim();
        item.Body = request.Body!.Trim();
        item.Opd = request.Opd!;
        item.Status = ItemStatus.Submitted;
        item.ApprovedAt = null;
        if (item.EventEndedAt is { } ended)
        {
            change.Touch(ended); // the two-hour rule's figures of the day it ended until now
        }

        Apply(item, request, now);
        if (!item.EditedBy.Contains(actor))
        {
            item.EditedBy.Add(actor);
        }

        change.Update(item)
            .Insert(ItemRevision.Of(item, item.Version + 1, ItemRevision.Edited, actor, now, cause))
            .Record(audit.Entry(actor, "item.edited", "item", item.Id, $"edited by {actor}: {changed}; back to review"))
            .Raise(Submitted(item, actor, resubmitted: true));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            var current = await items.GetAsync(item.Id, cancellationToken);
            var status = current?.Status ?? item.Status;
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemChangedMeanwhile, $"The item was changed by someone else meanwhile; it is now {Naming.Camel(status)}. The edit was not saved.", ("status", status)), status);
        }

        foreach (var delivery in cancelled)
        {
            await scheduler.UnscheduleAsync(delivery.Id, cancellationToken);
        }

        return OperationResult.Ok;
    }

    /// <summary>Which fields an edit changes, for the audit trail.</summary>
    private static string Changes(Item item, ItemRequest request)
    {
        var link = string.IsNullOrWhiteSpace(request.Link) ? null : request.Link.Trim();
        var fields = new (string Name, bool Changed)[]
        {
            ("opd", item.Opd != request.Opd),
            ("title", item.Title != request.Title?.Trim()),
            ("body", item.Body != request.Body?.Trim()),
            ("link", item.Link != link),
            ("eventEndedAt", item.EventEndedAt != request.EventEndedAt),
            ("mediaIds", !item.MediaIds.SequenceEqual(request.MediaIds ?? [])),
            ("accountIds", !item.AccountIds.SequenceEqual(request.AccountIds ?? [])),
            ("publishAt", item.PublishAt != request.PublishAt),
        };
        var names = fields.Where(f => f.Changed).Select(f => f.Name).ToList();
        return names.Count == 0 ? "nothing changed" : string.Join(", ", names);
    }

    private static void Apply(Item item, ItemRequest request, DateTimeOffset now)
    {
        item.Link = string.IsNullOrWhiteSpace(request.Link) ? null : request.Link.Trim();
        item.EventEndedAt = request.EventEndedAt;
        item.MediaIds = [.. request.MediaIds ?? []];
        item.AccountIds = [.. request.AccountIds ?? []];
        item.PublishAt = request.PublishAt;
        item.UpdatedAt = now;
    }

    private static async Task CheckIdsAsync(
        FieldErrors errors, string field, List<string> ids, int max, int min, Func<string, Task<bool>> exists, CancellationToken cancellationToken)
    {
        if (ids.Count < min)
        {
            errors.Add(field, MessageCodes.FieldTooFew, $"{field} needs at least {min} entry.", ("field", field), ("min", min));
        }

        if (ids.Count > max)
        {
            errors.Add(field, MessageCodes.FieldTooMany, $"{field} has {ids.Count} entries; at most {max} are allowed.", ("field", field), ("count", ids.Count), ("max", max));
            return;
        }

        foreach (var duplicate in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            errors.Add(field, $"'{duplicate.Key}' appears more than once.");
        }

        foreach (var id in ids.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(id) || !await exists(id))
            {
                errors.Add(field, $"There is no {(field == "mediaIds" ? "photo" : "account")} '{id}'.");
            }
        }
    }
}
