using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// A page of items as a query of their deliveries takes it: their ids, the span of their creation times, and how many
/// accounts they name (about as many deliveries as they have). A provider whose look-up of an item's deliveries costs
/// more than reading a range can read the page's deliveries as one range of their items' creation times
/// (<see cref="Dispatch.Delivery.ItemCreatedAt"/>), which the items of a page, listed in creation order, fill.
/// </summary>
public sealed record ItemSpan(IReadOnlyList<string> Ids, DateTimeOffset From, DateTimeOffset To, int Accounts)
{
    /// <summary>
    /// Whether the page holds every working item made within its span (a list that takes all, <see cref="ItemListQuery.TakesAll"/>):
    /// the span then holds the deliveries of the page's items alone. Otherwise the page's items may lie among many others.
    /// </summary>
    public bool Whole { get; init; }

    /// <summary>
    /// The page's items that the archive may have taken since the page was read, all with their deliveries (null: any):
    /// those of a finished status (<see cref="ArchiveRule.FinishedItems"/>). An item of another status is not archived
    /// before it changes, and a change makes it recent, younger than any archiving age.
    /// </summary>
    public IReadOnlySet<string>? Archivable { get; init; }

    public static ItemSpan Of(IReadOnlyCollection<Item> items, bool whole = false) =>
        Of(items, i => (i.Id, i.CreatedAt, i.AccountIds.Count, i.Status), whole);

    public static ItemSpan Of(IReadOnlyCollection<ItemSummary> items, bool whole = false) =>
        Of(items, i => (i.Id, i.CreatedAt, i.AccountIds.Count, i.Status), whole);

    private static ItemSpan Of<T>(
        IReadOnlyCollection<T> items, Func<T, (string Id, DateTimeOffset CreatedAt, int Accounts, ItemStatus Status)> key, bool whole)
    {
        var keys = items.Select(key).ToList();
        var span = keys.Count == 0
            ? new ItemSpan([], default, default, 0)
            : new ItemSpan([.. keys.Select(k => k.Id)], keys.Min(k => k.CreatedAt), keys.Max(k => k.CreatedAt), keys.Sum(k => k.Accounts));
        return span with
        {
            Whole = whole,
            Archivable = keys.Where(k => ArchiveRule.FinishedItems.Contains(k.Status)).Select(k => k.Id).ToHashSet(StringComparer.Ordinal),
        };
    }
}
