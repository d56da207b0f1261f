using Broker.Accounts;
using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Guardrails;
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
    IStateChanges changes,
    PostRenderer renderer,
    IDeliveryScheduler scheduler,
    IAccountStore accounts,
    Auditor audit,
    ElectionGuard election,
    TimeProvider time)
{
    /// <summary>The problem key of an approval refused because the item names terms of a refusing election period.</summary>
    public const string ElectionProblem = "election";

    /// <summary>
    /// The editing SOP: editors review everything; an OPD admin reviews an item of their own OPD that goes only to their
    /// OPD's accounts, and never one they submitted themselves (a second pair of eyes). Null when the caller may review.
    /// </summary>
    public Task<UserMessage?> WhyCannotReviewAsync(Caller caller, Item item, CancellationToken cancellationToken) =>
        WhyCannotReviewAsync(caller, item.Opd, item.SubmittedBy, item.AccountIds, null, cancellationToken);

    /// <summary>
    /// <see cref="WhyCannotReviewAsync(Caller, Item, CancellationToken)"/> for a row of a list; <paramref name="seen"/>
    /// keeps the accounts looked up for the list's earlier rows, so a page looks each account up once.
    /// </summary>
    public Task<UserMessage?> WhyCannotReviewAsync(Caller caller, ItemSummary item, Dictionary<string, Account?> seen, CancellationToken cancellationToken) =>
        WhyCannotReviewAsync(caller, item.Opd, item.SubmittedBy, item.AccountIds, seen, cancellationToken);

    private async Task<UserMessage?> WhyCannotReviewAsync(
        Caller caller, string opd, string? submittedBy, IReadOnlyList<string> accountIds, Dictionary<string, Account?>? seen, CancellationToken cancellationToken)
    {
        if (caller.IsEditor)
        {
            return null;
        }

        if (caller.Role != UserRole.OpdAdmin || opd != caller.Opd)
        {
            return UserMessage.Of(MessageCodes.ReviewEditorsOnly, "Only editors review this item.");
        }

        if (submittedBy == caller.Id)
        {
            return UserMessage.Of(MessageCodes.ReviewOwnItem, "Another admin of your OPD (or a Diskominfo editor) must review an item you submitted.");
        }

        foreach (var id in accountIds)
        {
            if (seen is null || !seen.TryGetValue(id, out var account))
            {
                account = await accounts.GetAsync(id, cancellationToken);
                seen?.Add(id, account);
            }

            if (account is null || account.Opd != caller.Opd)
            {
                return UserMessage.Of(MessageCodes.ReviewOutsideOpd, "This item goes to accounts outside your OPD: a Diskominfo editor reviews it.");
            }
        }

        return null;
    }

    /// <summary>
    /// <see cref="WhyCannotReviewAsync"/>, and the two-person rule: whoever changed the version being approved does not
    /// approve it. It binds everyone, editors too; an editor still approves an item they submitted and edited themselves
    /// (editors may approve their own items), but not one they edited for someone else.
    /// </summary>
    public async Task<UserMessage?> WhyCannotApproveAsync(Caller caller, Item item, CancellationToken cancellationToken)
    {
        if (await WhyCannotReviewAsync(caller, item, cancellationToken) is { } reason)
        {
            return reason;
        }

        return item.SubmittedBy != caller.Id && item.EditedBy.Contains(caller.Id)
            ? UserMessage.Of(MessageCodes.ReviewTwoPerson, "You edited this item: someone else must approve it (the two-person rule).")
            : null;
    }

    /// <summary>
    /// Approves a submitted item. Under an election period whose rule is refuse, an item naming its terms is refused unless
    /// <paramref name="electionOverride"/> gives an editor's written reason, which is audited with the approval.
    /// </summary>
    public async Task<OperationResult> ApproveAsync(Item item, DateTimeOffset? publishAt, string actor, CancellationToken cancellationToken, string? electionOverride = null)
    {
        if (item.Status != ItemStatus.Submitted)
        {
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemNotSubmitted, $"Only a submitted item can be approved; this one is {Naming.Camel(item.Status)}.", ("status", item.Status)), item.Status);
        }

        var previews = await renderer.PreviewAsync(item, cancellationToken);
        var problems = previews
            .Where(p => p.Messages.Count > 0)
            .ToDictionary(p => $"accounts[{p.AccountId}]", p => p.Messages.Select(m => m with { English = $"{p.Platform} ({p.AccountName}): {m.English}", Subject = $"{p.Platform} ({p.AccountName})" }).ToArray());
        if (problems.Count > 0)
        {
            return OperationResult.Invalid(problems);
        }

        var now = time.GetUtcNow();
        var wished = publishAt ?? item.PublishAt;
        var due = wished is { } w && w > now ? w : now;
        var refusing = (await election.ReviewAsync(item, previews, due, cancellationToken)).Where(f => f.Rule == ElectionRule.Refuse).ToList();
        if (refusing.Count > 0 && string.IsNullOrWhiteSpace(electionOverride))
        {
            return OperationResult.Invalid(new Dictionary<string, string[]> { [ElectionProblem] = [.. refusing.Select(f => f.ToString())] });
        }

        var created = previews.Select(p => new Delivery
        {
            Id = Guid.NewGuid().ToString("N"),
            ItemId = item.Id,
            ItemCreatedAt = item.CreatedAt,
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

        // The item's approval, its deliveries and the audit entry are one transaction, made only over the version that
        // was checked: a second approval, an edit or a crash in between leaves either all of it or none. Nothing is
        // scheduled before it is committed.
        item.Status = ItemStatus.Approved;
        item.ApprovedAt = now;
        item.PublishAt = wished;
        item.ReviewComment = null;
        item.UpdatedAt = now;
        var change = new StateChange()
            .Update(item)
            .Insert(created)
            .Record(audit.Entry(actor, "item.approved", "item", item.Id, $"{created.Count} deliveries due {due:u}"))
            .Raise(DomainEvents.Item(EventTypes.ItemApproved, item, now, actor, ("publishAt", DomainEvents.At(due)), ("deliveries", DomainEvents.Count(created.Count))));
        if (refusing.Count > 0)
        {
            change.Record(audit.Entry(actor, "item.electionOverride", "item", item.Id, $"{electionOverride!.Trim()} — {string.Join("; ", refusing)}"));
        }

        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return await LostAsync(item.Id, cancellationToken);
        }

        await scheduler.ScheduleAsync([.. created.Select(d => new DueDelivery(d.Id, d.DueAt))], cancellationToken);
        return OperationResult.Ok;
    }

    public Task<OperationResult> SendBackAsync(Item item, string comment, string actor, CancellationToken cancellationToken) =>
        MoveAsync(item, ItemStatus.SentBack, EventTypes.ItemSentBack, actor, comment, i => i.ReviewComment = comment, cancellationToken, ItemStatus.Submitted);

    public Task<OperationResult> RejectAsync(Item item, string reason, string actor, CancellationToken cancellationToken) =>
        MoveAsync(item, ItemStatus.Rejected, EventTypes.ItemRejected, actor, reason, i => i.RejectReason = reason, cancellationToken, ItemStatus.Submitted, ItemStatus.SentBack);

    private async Task<OperationResult> MoveAsync(
        Item item,
        ItemStatus to,
        string eventType,
        string actor,
        string detail,
        Action<Item> apply,
        CancellationToken cancellationToken,
        params ItemStatus[] from)
    {
        if (!from.Contains(item.Status))
        {
            var allowed = string.Join(" or ", from.Select(Naming.Camel));
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemCannotMove, $"Only a {allowed} item can become {Naming.Camel(to)}; this one is {Naming.Camel(item.Status)}.", ("to", to), ("status", item.Status)),
                item.Status);
        }

        apply(item);
        item.Status = to;
        item.UpdatedAt = time.GetUtcNow();
        var change = new StateChange()
            .Update(item)
            .Record(audit.Entry(actor, "item." + Naming.Camel(to), "item", item.Id, detail))
            .Raise(DomainEvents.Item(eventType, item, item.UpdatedAt, actor, ("reason", detail)));
        return await changes.CommitAsync(change, cancellationToken) ? OperationResult.Ok : await LostAsync(item.Id, cancellationToken);
    }

    /// <summary>Another change of the item was stored first: the caller's decision was made on a copy that is out of date.</summary>
    private async Task<OperationResult> LostAsync(string itemId, CancellationToken cancellationToken)
    {
        var current = await items.GetAsync(itemId, cancellationToken);
        var status = current?.Status ?? ItemStatus.Rejected;
        return OperationResult.Conflict(
            UserMessage.Of(MessageCodes.ItemChangedMeanwhile, $"The item was changed by someone else meanwhile; it is now {Naming.Camel(status)}. Nothing was done.", ("status", status)), status);
    }
}
