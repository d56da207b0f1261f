using Broker.Access;
using Broker.Accounts;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Review;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Items;

/// <summary>One item and where it went: each delivery's account, state, time, permalink or reason.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemDetailModel(IItemStore items, IDeliveryStore deliveries, IAccountStore accounts, IOpdStore opds, ReviewService review) : PageModel
{
    public sealed record Row(Delivery Delivery, Account? Account);

    public Item Item { get; private set; } = null!;

    public string OpdName { get; private set; } = "";

    public IReadOnlyList<Row> Deliveries { get; private set; } = [];

    public bool CanReview { get; private set; }

    /// <summary>What was just done (submitted, approved, sentBack, rejected), to confirm it.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? selesai, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        if (await items.GetAsync(id, cancellationToken) is not { } item || !caller.SeesItem(item))
        {
            return NotFound();
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
        Done = selesai switch
        {
            "submitted" => Text.Done_Submitted,
            "approved" => Text.Done_Approved,
            "sentBack" => Text.Done_SentBack,
            "rejected" => Text.Done_Rejected,
            _ => null,
        };
        return Page();
    }
}
