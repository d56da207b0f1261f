using Broker.Dispatch;

namespace Broker.Storage;

/// <summary>
/// Counts deliveries into <see cref="DailyFigure"/>s: the one rule the sweep stores a day's figures by and the reports
/// count raw rows by, so a day reads the same from either.
/// </summary>
public static class DailyTally
{
    /// <summary>
    /// Per account: the deliveries of <paramref name="firstDue"/> by status, and the published ones of
    /// <paramref name="published"/> (each read for the same range) as posts.
    /// </summary>
    public static IReadOnlyList<DailyFigure> Of(DateOnly day, IEnumerable<Delivery> firstDue, IEnumerable<Delivery> published)
    {
        var byAccount = new Dictionary<string, DailyFigure>(StringComparer.Ordinal);
        foreach (var d in firstDue)
        {
            var f = byAccount.GetValueOrDefault(d.AccountId) ?? Empty(day, d.AccountId);
            byAccount[d.AccountId] = d.Status switch
            {
                DeliveryStatus.Published => f with { Published = f.Published + 1 },
                DeliveryStatus.Failed => f with { Failed = f.Failed + 1 },
                DeliveryStatus.Held => f with { Held = f.Held + 1 },
                DeliveryStatus.Cancelled => f with { Cancelled = f.Cancelled + 1 },
                DeliveryStatus.Scheduled or DeliveryStatus.Publishing or DeliveryStatus.Retrying => f with { Pending = f.Pending + 1 },
                _ => f with { Other = f.Other + 1 },
            };
        }

        foreach (var d in published.Where(d => d.Status == DeliveryStatus.Published && d.PublishedAt is not null))
        {
            var f = byAccount.GetValueOrDefault(d.AccountId) ?? Empty(day, d.AccountId);
            byAccount[d.AccountId] = f with { Posts = f.Posts + 1, LastPostAt = Later(f.LastPostAt, d.PublishedAt) };
        }

        return [.. byAccount.Values.OrderBy(f => f.AccountId, StringComparer.Ordinal)];
    }

    /// <summary>Two accounts' figures (or one account's over two ranges) together.</summary>
    public static DailyFigure Add(DailyFigure a, DailyFigure b) => a with
    {
        Published = a.Published + b.Published,
        Failed = a.Failed + b.Failed,
        Held = a.Held + b.Held,
        Pending = a.Pending + b.Pending,
        Cancelled = a.Cancelled + b.Cancelled,
        Other = a.Other + b.Other,
        Posts = a.Posts + b.Posts,
        LastPostAt = Later(a.LastPostAt, b.LastPostAt),
    };

    public static DailyFigure Empty(DateOnly day, string accountId) => new(day, accountId, 0, 0, 0, 0, 0, 0, 0, null);

    public static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
