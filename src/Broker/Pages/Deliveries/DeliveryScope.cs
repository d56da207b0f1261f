using Broker.Access;
using Broker.Accounts;
using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Pages.Deliveries;

/// <summary>
/// Deliveries a manager may see (<see cref="DeliveryVisibility"/>), a page at a time, with their accounts and their items'
/// titles (read together, never one item at a time).
/// </summary>
public sealed class DeliveryScope(IDeliveryStore deliveries, DeliveryVisibility visibility, IItemStore items, IArchiveStore archive)
{
    public sealed record Row(Delivery Delivery, Account Account, string? Title);

    public async Task<Page<Row>> ListAsync(Caller caller, DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        var readable = await visibility.AccountsAsync(caller, cancellationToken);
        var visible = readable.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var scoped = DeliveryVisibility.Narrow(caller, query, readable);
        var found = await deliveries.ListPageAsync(scoped, after, limit, cancellationToken);
        return new Page<Row>(await RowsAsync(found.Rows, visible, cancellationToken), found.Next);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> deliveries of <paramref name="statuses"/> due in [<paramref name="from"/>,
    /// <paramref name="to"/>) after <paramref name="after"/>, in (due time, id) order, with the next page's cursor: the
    /// working deliveries through the due-time index and, when <paramref name="withArchive"/>, the archived ones of the same
    /// range merged in (an item's deliveries are in one or the other, never both). Costs the page, not the range.
    /// </summary>
    public async Task<Page<Row>> ListDueAsync(
        Caller caller, IReadOnlyCollection<DeliveryStatus> statuses, DateTimeOffset from, DateTimeOffset to, bool withArchive, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        var readable = await visibility.AccountsAsync(caller, cancellationToken);
        var visible = readable.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var query = DeliveryVisibility.Narrow(caller, new DeliveryListQuery(statuses, From: from, To: to), readable);
        var working = await deliveries.ListPageAsync(query, after, limit, cancellationToken);
        var found = new List<Delivery>(working.Rows);
        var more = working.Next is not null;
        if (withArchive)
        {
            // The archive pages by due time only: read from the cursor's time, with room for the rows of that time already
            // shown. When it has more than was read, only what sorts before its last due time read is known to be complete.
            var start = after is { } cursor && cursor.At > from ? cursor.At : from;
            var read = limit + 1 + ArchivedTies;
            var archived = await archive.ListDueAsync(statuses, start, to, read, cancellationToken);
            found.AddRange(archived.Where(d => after is not { } c || After(d, c)));
            if (archived.Count == read && found.Any(d => d.DueAt < archived[^1].DueAt))
            {
                more |= found.RemoveAll(d => d.DueAt >= archived[^1].DueAt) > 0;
            }
        }

        var ordered = found.Where(d => visible.ContainsKey(d.AccountId))
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        more |= ordered.Count > limit;
        var shown = ordered.Take(limit).ToList();
        var next = more && shown.Count > 0 ? new PageCursor(shown[^1].DueAt, shown[^1].Id) : (PageCursor?)null;
        return new Page<Row>(await RowsAsync(shown, visible, cancellationToken), next);
    }

    /// <summary>Archived deliveries due at the same instant as a cursor that a page may have to skip past.</summary>
    private const int ArchivedTies = 50;

    private static bool After(Delivery delivery, PageCursor cursor) =>
        delivery.DueAt > cursor.At || (delivery.DueAt == cursor.At && string.CompareOrdinal(delivery.Id, cursor.Id) > 0);

    private async Task<IReadOnlyList<Row>> RowsAsync(IReadOnlyList<Delivery> found, Dictionary<string, Account> visible, CancellationToken cancellationToken)
    {
        var shown = found.Where(d => visible.ContainsKey(d.AccountId)).ToList();
        var titles = await items.GetTitlesAsync([.. shown.Select(d => d.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. shown.Select(d => new Row(d, visible[d.AccountId], titles.GetValueOrDefault(d.ItemId)))];
    }
}
