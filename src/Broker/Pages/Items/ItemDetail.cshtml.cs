using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Retraction;
using Broker.Review;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Items;

/// <summary>One item and where it went: each delivery's account, state, time, permalink or reason.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemDetailModel(
    IItemStore items, IDeliveryStore deliveries, IAccountStore accounts, IOpdStore opds, ReviewService review, RetractionService retraction, IStateChanges changes,
    Broker.Audit.Auditor audit, IAuditLog trail, IItemRevisionStore revisions, InPlaceEdits edits, TimeProvider time, Sharing.ShareSettings sharing, LocalTime localTime) : DecisionPageModel
{
    public sealed record Row(Delivery Delivery, Account? Account);

    public Item Item { get; private set; } = null!;

    public string OpdName { get; private set; } = "";

    public IReadOnlyList<Row> Deliveries { get; private set; } = [];

    public bool CanReview { get; private set; }

    /// <summary>Editors retract an approved or published item, and confirm manual removals.</summary>
    public bool IsEditor { get; private set; }

    public bool CanRetract => IsEditor && Item.Status is ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed;

    /// <summary>The item's history: every audit entry about it, oldest first.</summary>
    public IReadOnlyList<Broker.Audit.AuditEntry> History { get; private set; } = [];

    /// <summary>Every version of the item's content, each with its review decisions.</summary>
    public VersionHistory Versions { get; private set; } = new([]);

    /// <summary>Editors correct a published item in place when every platform it went to can edit a post.</summary>
    public bool CanEditInPlace => IsEditor && Item.Status == ItemStatus.Published && edits.Supports([.. Deliveries.Select(r => r.Delivery)]);

    /// <summary>Whether the caller may edit the item and submit it again (it is before approval, and theirs to see).</summary>
    public bool CanEdit => EditItemModel.CanEdit(Item);

    /// <summary>What was just done (submitted, approved, sentBack, rejected), to confirm it.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? selesai, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Done = selesai switch
        {
            "submitted" => Text.Done_Submitted,
            "approved" => Text.Done_Approved,
            "sentBack" => Text.Done_SentBack,
            "resubmitted" => Text.Done_Resubmitted,
            "rejected" => Text.Done_Rejected,
            "retracted" => Text.Done_Retracted,
            "editedInPlace" => Text.Done_EditedInPlace,
            "removalConfirmed" => Text.Done_RemovalConfirmed,
            "shared" => Text.Share_Opened,
            "unshared" => Text.Share_Closed,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostRetractAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsEditor)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > RetractionService.MaxReason)
        {
            Error = Text.Review_ReasonRequired;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await retraction.RetractAsync(Item, reason.Trim(), Actor.Of(HttpContext), cancellationToken);
        return await ShowDecisionAsync(result, $"/konten/{Uri.EscapeDataString(id)}?selesai=retracted", Text.Review_BreaksRules, () => LoadAsync(id, cancellationToken));
    }

    public async Task<IActionResult> OnPostEditInPlaceAsync(string id, string? title, string? body, string? reason, long? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsEditor)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > ItemIntake.MaxTitle || string.IsNullOrWhiteSpace(body) || body.Length > ItemIntake.MaxBody
            || string.IsNullOrWhiteSpace(reason) || reason.Length > RetractionService.MaxReason)
        {
            Error = Text.Items_EditInPlaceRequired;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = version is { } read && read != Item.Version
            ? OperationResult.Conflict(Text.Edit_Conflict, Item.Status)
            : await edits.EditAsync(Item, title.Trim(), body.Trim(), reason.Trim(), Actor.Of(HttpContext), cancellationToken);
        return await ShowDecisionAsync(result, $"/konten/{Uri.EscapeDataString(id)}?selesai=editedInPlace", Text.Review_BreaksRules, () => LoadAsync(id, cancellationToken));
    }

    public async Task<IActionResult> OnPostConfirmRemovalAsync(string id, string? delivery, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsEditor)
        {
            return Forbid();
        }

        var row = Deliveries.FirstOrDefault(r => r.Delivery.Id == delivery);
        if (row is null)
        {
            return NotFound();
        }

        if (row.Delivery.Status != DeliveryStatus.ManualRemovalNeeded)
        {
            return await ShowDecisionAsync(RetractionApi.NotAwaitingRemoval(row.Delivery.Status), string.Empty, Text.Review_BreaksRules, () => LoadAsync(id, cancellationToken));
        }

        var actor = Actor.Of(HttpContext);
        var d = row.Delivery;
        d.Status = DeliveryStatus.Removed;
        d.RemovedAt = time.GetUtcNow();
        d.RemovalConfirmedBy = actor;
        d.UpdatedAt = d.RemovedAt.Value;
        var saved = await changes.CommitAsync(
            new StateChange().Update(d).Record(audit.Entry(actor, "delivery.removalConfirmed", "delivery", d.Id, d.Permalink)), cancellationToken);
        return await ShowDecisionAsync(
            saved ? OperationResult.Ok : await RetractionApi.ChangedMeanwhileAsync(deliveries, d.Id, cancellationToken),
            $"/konten/{Uri.EscapeDataString(id)}?selesai=removalConfirmed",
            Text.Review_BreaksRules,
            () => LoadAsync(id, cancellationToken));
    }

    /// <summary>Editors open an approved or published item for sharing by ASN (all OPDs' or chosen ones'), until a time, or close it.</summary>
    public bool CanShare => IsEditor && Item.Status is ItemStatus.Approved or ItemStatus.Published;

    /// <summary>The OPDs an item can be shared to, for the sharing form.</summary>
    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public async Task<IActionResult> OnPostShareAsync(string id, string? scope, List<string>? opd, string? until, long version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsEditor)
        {
            return Forbid();
        }

        var chosen = scope == "chosen" ? opd ?? [] : [];
        string? problem = null;
        DateTimeOffset? end = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            end = localTime.ReadComing(until, out problem);
        }

        var request = new Sharing.ShareSettings.Request(end, chosen);
        var errors = problem is null ? await sharing.CheckAsync(request, cancellationToken) : null;
        if (problem is not null || errors!.Any || (scope == "chosen" && chosen.Count == 0))
        {
            Error = problem ?? (errors!.Any ? MessageText.Summary(MessageText.Of(errors)) : Text.Share_ChooseOpd);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Compare-and-set on the version the editor saw: a change made meanwhile wins, and this form says so.
        var result = Item.Version == version
            ? await sharing.OpenAsync(Item, request, Actor.Of(HttpContext), cancellationToken)
            : OperationResult.Conflict(Text.Share_Stale);
        return await ShowDecisionAsync(result, $"/konten/{Uri.EscapeDataString(id)}?selesai=shared", Text.Share_Stale, () => LoadAsync(id, cancellationToken));
    }

    public async Task<IActionResult> OnPostUnshareAsync(string id, long version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!IsEditor)
        {
            return Forbid();
        }

        var closed = Item.Version == version && await sharing.CloseAsync(Item, Actor.Of(HttpContext), cancellationToken);
        return await ShowDecisionAsync(
            closed ? OperationResult.Ok : OperationResult.Conflict(Text.Share_Stale),
            $"/konten/{Uri.EscapeDataString(id)}?selesai=unshared",
            Text.Share_Stale,
            () => LoadAsync(id, cancellationToken));
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        if (await items.GetAsync(id, cancellationToken) is not { } item || !caller.SeesItem(item))
        {
            return false;
        }

        Item = item;
        OpdName = (await opds.GetAsync(item.Opd, cancellationToken))?.Name ?? item.Opd;
        var rows = new List<Row>();
        foreach (var delivery in (await deliveries.ListByItemAsync(id, cancellationToken)).OrderBy(d => d.CreatedAt))
        {
            rows.Add(new Row(delivery, await accounts.GetAsync(delivery.AccountId, cancellationToken)));
        }

        Deliveries = rows;
        CanReview = item.Status == ItemStatus.Submitted && caller.Role is UserRole.Editor or UserRole.OpdAdmin
            && await review.WhyCannotReviewAsync(caller, item, cancellationToken) is null;
        IsEditor = caller.IsEditor;
        History = await trail.QueryAsync(new Broker.Audit.AuditQuery(ObjectId: id), cancellationToken);
        Versions = VersionHistory.Of(await revisions.ListAsync(id, cancellationToken), History);
        Opds = CanShare ? await opds.ListAsync(cancellationToken) : [];
        return true;
    }
}
