using Broker.Access;
using Broker.Accounts;
using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Pages.Deliveries;

/// <summary>
/// Deliveries a manager may see (<see cref="DeliveryVisibility"/>), a page at a time, with their accounts and their items'
/// titles: the caller's accounts read once and the titles of every page in one look-up, never one item at a time; each
/// delivery read as the few fields the pages show (<see cref="DeliveryRow"/>).
/// </summary>
public sealed class DeliveryScope(IDeliveryStore deliveries, DeliveryVisibility visibility, IItemStore items, IArchiveStore archive)
{
    public sealed record Row(DeliveryRow Delivery, Account Account, string? Title);

    /// <summary>
    /// Deliveries due in [<see cref="From"/>, <see cref="To"/>) after <see cref="After"/>: the archived ones of the same
    /// range merged in when <see cref="WithArchive"/>.
    /// </summary>
    public sealed record DueSpan(DateTimeOffset From, DateTimeOffset To, bool WithArchive, PageCursor? After = null);

    public async Task<Page<Row>> ListAsync(Caller caller, DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        var (visible, scoped) = await ScopeAsync(caller, query, cancellationToken);
        var found = await deliveries.ListRowsAsync(scoped, after, limit, cancellationToken);
        var rows = await RowsAsync([found.Rows], visible, cancellationToken);
        return new Page<Row>(rows[0], found.Next);
    }

    /// <summary>
    /// For each of <paramref name="spans"/>, up to <paramref name="limit"/> deliveries of <paramref name="statuses"/> in
    /// (due time, id) order with the next page's cursor: the working deliveries through the due-time index and, where
    /// asked, the archived ones merged in (an item's deliveries are in one or the other, never both). Costs the pages, not
    /// the ranges. The rows are read without their attempts (<see cref="DeliveryListQuery.WithAttempts"/>): the calendar
    /// shows when, what and where, not how the attempts went.
    /// </summary>
    public async Task<IReadOnlyList<Page<Row>>> ListDueAsync(
        Caller caller, IReadOnlyCollection<DeliveryStatus> statuses, IReadOnlyList<DueSpan> spans, int limit, CancellationToken cancellationToken)
    {
        var (visible, scoped) = await ScopeAsync(caller, new DeliveryListQuery(statuses, WithAttempts: false), cancellationToken);
        var pages = new List<Page<DeliveryRow>>(spans.Count);
        foreach (var span in spans)
        {
            pages.Add(await DueAsync(scoped with { From = span.From, To = span.To }, span, limit, cancellationToken));
        }

        var rows = await RowsAsync([.. pages.Select(p => p.Rows)], visible, cancellationToken);
        return [.. pages.Select((page, i) => new Page<Row>(rows[i], page.Next))];
    }

    private async Task<(Dictionary<string, Account> Visible, DeliveryListQuery Scoped)> ScopeAsync(
        Caller caller, DeliveryListQuery query, CancellationToken cancellationToken)
    {
        var readable = await visibility.AccountsAsync(caller, cancellationToken);
        return (readable.ToDictionary(a => a.Id, StringComparer.Ordinal), DeliveryVisibility.Narrow(caller, query, readable));
    }

    // Both reads page from the same cursor: the page is the first of their rows together, and it has more when either has.
    private async Task<Page<DeliveryRow>> DueAsync(DeliveryListQuery query, DueSpan span, int limit, CancellationToken cancellationToken)
    {
        var working = await deliveries.ListRowsAsync(query, span.After, limit, cancellationToken);
        if (!span.WithArchive)
        {
            return working;
        }

        var archived = await archive.ListRowsAsync(query, span.After, limit, cancellationToken);
        var merged = working.Rows.Concat(archived.Rows).OrderBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var shown = merged.Take(limit).ToList();
        var more = merged.Count > limit || working.Next is not null || archived.Next is not null;
        return new Page<DeliveryRow>(shown, more && shown.Count > 0 ? shown[^1].Cursor : null);
    }

    // An editor's query names no accounts: a delivery of an account since deleted is left out here.
    private async Task<IReadOnlyList<IReadOnlyList<Row>>> RowsAsync(
        IReadOnlyList<IReadOnlyList<DeliveryRow>> pages, Dictionary<string, Account> visible, CancellationToken cancellationToken)
    {
        var shown = pages.Select(rows => rows.Where(d => visible.ContainsKey(d.AccountId)).ToList()).ToList();
        var titles = await items.GetTitlesAsync([.. shown.SelectMany(rows => rows).Select(d => d.ItemId).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. shown.Select(rows => (IReadOnlyList<Row>)[.. rows.Select(d => new Row(d, visible[d.AccountId], titles.GetValueOrDefault(d.ItemId)))])];
    }
}
