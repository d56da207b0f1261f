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

    /// <summary>Up to <paramref name="limit"/> archived deliveries of <paramref name="query"/> (its statuses and due range) the caller may see.</summary>
    public async Task<IReadOnlyList<Row>> ListArchivedAsync(Caller caller, DeliveryListQuery query, int limit, CancellationToken cancellationToken)
    {
        if (query is not { From: { } from, To: { } to })
        {
            return [];
        }

        var visible = (await visibility.AccountsAsync(caller, cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return await RowsAsync(await archive.ListDueAsync(query.Statuses, from, to, limit, cancellationToken), visible, cancellationToken);
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IReadOnlyList<Delivery> found, Dictionary<string, Account> visible, CancellationToken cancellationToken)
    {
        var shown = found.Where(d => visible.ContainsKey(d.AccountId)).ToList();
        var titles = await items.GetTitlesAsync([.. shown.Select(d => d.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. shown.Select(d => new Row(d, visible[d.AccountId], titles.GetValueOrDefault(d.ItemId)))];
    }
}
