using Broker.Access;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Items;

/// <summary>Items with their deliveries: all for editors, the OPD's for OPD admins, their own for reporters.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemListModel(IItemStore items, IDeliveryStore deliveries, IOpdStore opds) : PageModel
{
    public const int Shown = 50;

    public sealed record Entry(ItemSummary Item, string OpdName, int Published, int Live, int Problems);

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public ItemStatus? Status { get; private set; }

    /// <summary>Where the next page starts; null on the last.</summary>
    public PageCursor? Next { get; private set; }

    public async Task OnGetAsync(string? status, string? setelah, CancellationToken cancellationToken)
    {
        Status = Enum.GetValues<ItemStatus>().Cast<ItemStatus?>().FirstOrDefault(s => Naming.Camel(s!.Value) == status);
        var caller = Caller.Of(User);
        var names = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var query = new ItemListQuery(Status, caller.ScopeOpd(null), caller.Role == UserRole.Reporter ? caller.Id : null);
        // The fields shown and the deliveries' statuses only: no item's or delivery's texts are read.
        var page = await items.ListSummariesAsync(query, PageCursor.TryParse(setelah, out var after) ? after : null, Shown, cancellationToken);
        Next = page.Next;
        var found = page.Rows.Where(caller.SeesItem).ToList();
        var byItem = (await deliveries.ListStatusesByItemsAsync(ItemSpan.Of(found, whole: query.TakesAll), cancellationToken)).ToLookup(d => d.ItemId);
        Entries = [.. found.Select(i =>
        {
            var live = byItem[i.Id].Where(d => d.Status != DeliveryStatus.Cancelled).ToList();
            return new Entry(i, names.GetValueOrDefault(i.Opd, i.Opd), live.Count(d => d.Status == DeliveryStatus.Published), live.Count,
                live.Count(d => d.Status is DeliveryStatus.Failed or DeliveryStatus.Held));
        })];
    }
}
