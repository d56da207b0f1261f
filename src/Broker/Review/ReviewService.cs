using Broker.Access;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Rendering;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.Review;

/// <summary>
/// The editing SOP: an editor approves, sends back or rejects a submitted item. Approval renders the item for each
/// account, refuses it when any render breaks a platform limit, and schedules one delivery per account.
/// </summary>
public sealed class ReviewService(
    IItemStore items,
    IDeliveryStore deliveries,
    PostRenderer renderer,
    IDeliveryScheduler scheduler,
    IAccountStore accounts,
    Auditor audit,
    TimeProvider time)
{
    /// <summary>
    /// The editing SOP: editors review everything; an OPD admin reviews an item of their own OPD that goes only to their
    /// OPD's accounts, and never one they submitted themselves (a second pair of eyes). Null when the caller may review.
    /// </summary>
    public async Task<string?> WhyCannotReviewAsync(Caller caller, Item item, CancellationToken cancellationToken)
    {
        if (caller.IsEditor)
        {
            return null;
        }

        if (caller.Role != UserRole.OpdAdmin || item.Opd != caller.Opd)
        {
            return "Only editors review this item.";
        }

        if (item.SubmittedBy == caller.Id)
        {
            return "Another admin of your OPD (or a Diskominfo editor) must review an item you submitted.";
        }

        foreach (var id in item.AccountIds)
        {
            if (await accounts.GetAsync(id, cancellationToken) is not { } account || account.Opd != caller.Opd)
            {
                return "This item goes to accounts outside your OPD: a Diskominfo editor reviews it.";
            }
        }

        return null;
    }

    public async Task<OperationResult> ApproveAsync(Item item, DateTimeOffset? publishAt, string actor, CancellationToken cancellationToken)
    {
        if (item.Status != ItemStatus.Submitted)
        {
            return OperationResult.Conflict($"Only a submitted item can be approved; this one is {Naming.Camel(item.Status)}.");
        }

        var previews = await renderer.PreviewAsync(item, cancellationToken);
        var problems = previews
            .Where(p => p.Problems.Count > 0)
            .ToDictionary(p => $"accounts[{p.AccountId}]", p => p.Problems.Select(m => $"{p.Platform} ({p.AccountName}): {m}").ToArray());
        if (problems.Count > 0)
        {
            return OperationResult.Invalid(problems);
        }

        var now = time.GetUtcNow();
        var wished = publishAt ?? item.PublishAt;
        var due = wished is { } w && w > now ? w : now;
        var created = previews.Select(p => new Delivery
        {
            Id = Guid.NewGuid().ToString("N"),
            ItemId = item.Id,
            AccountId = p.AccountId,
            Platform = p.Platform,
            Status = DeliveryStatus.Scheduled,
            ScheduledAt = due,
            DueAt = due,
            Text = p.Text!,
            Link = item.Link,
            MediaIds = [.. item.MediaIds],
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();

        // The deliveries are stored before the item says approved and before anything is scheduled: after a crash at
        // any point, start-up recovery finds them in the store.
        await deliveries.AddManyAsync(created, cancellationToken);
        item.Status = ItemStatus.Approved;
        item.ApprovedAt = now;
        item.PublishAt = wished;
        item.ReviewComment = null;
        item.UpdatedAt = now;
        await items.UpdateAsync(item, cancellationToken);
        await audit.RecordAsync(actor, "item.approved", "item", item.Id, $"{created.Count} deliveries due {due:u}", cancellationToken);
        await scheduler.ScheduleAsync([.. created.Select(d => new DueDelivery(d.Id, d.DueAt))], cancellationToken);
        return OperationResult.Ok;
    }

    public Task<OperationResult> SendBackAsync(Item item, string comment, string actor, CancellationToken cancellationToken) =>
        MoveAsync(item, ItemStatus.SentBack, actor, comment, i => i.ReviewComment = comment, cancellationToken, ItemStatus.Submitted);

    public Task<OperationResult> RejectAsync(Item item, string reason, string actor, CancellationToken cancellationToken) =>
        MoveAsync(item, ItemStatus.Rejected, actor, reason, i => i.RejectReason = reason, cancellationToken, ItemStatus.Submitted, ItemStatus.SentBack);

    private async Task<OperationResult> MoveAsync(
        Item item,
        ItemStatus to,
        string actor,
        string detail,
        Action<Item> apply,
        CancellationToken cancellationToken,
        params ItemStatus[] from)
    {
        if (!from.Contains(item.Status))
        {
            var allowed = string.Join(" or ", from.Select(Naming.Camel));
            return OperationResult.Conflict($"Only a {allowed} item can become {Naming.Camel(to)}; this one is {Naming.Camel(item.Status)}.");
        }

        apply(item);
        item.Status = to;
        item.UpdatedAt = time.GetUtcNow();
        await items.UpdateAsync(item, cancellationToken);
        await audit.RecordAsync(actor, "item." + Naming.Camel(to), "item", item.Id, detail, cancellationToken);
        return OperationResult.Ok;
    }
}
