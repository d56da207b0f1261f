using Broker.Dispatch;

namespace Broker.Storage;

/// <summary>
/// A failed or held delivery first due on a local day (<see cref="LocalDays"/>), with the fields the delivery-health report
/// shows of it: kept with the day's figures (<see cref="IDailyFigureStore.ReplaceAsync"/>), so that a report over a year
/// reads these compact rows, day after day, instead of tens of thousands of whole deliveries scattered over the years.
/// </summary>
public sealed record DailyProblem(
    DateOnly Day,
    string DeliveryId,
    string ItemId,
    string AccountId,
    string Platform,
    DeliveryStatus Status,
    string? Error,
    string? ErrorCode,
    int Attempts,
    DateTimeOffset ScheduledAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Failed and held: the statuses of a problem (the delivery-health report's rows, LiteDB's problem index).</summary>
    public static IReadOnlyList<DeliveryStatus> Statuses { get; } = [DeliveryStatus.Failed, DeliveryStatus.Held];

    /// <summary>The problems among <paramref name="deliveries"/> (first due on <paramref name="day"/>), in their order.</summary>
    public static IReadOnlyList<DailyProblem> Of(DateOnly day, IEnumerable<Delivery> deliveries) =>
    [
        .. deliveries.Where(d => Statuses.Contains(d.Status))
            .Select(d => new DailyProblem(day, d.Id, d.ItemId, d.AccountId, d.Platform, d.Status, d.Error, d.ErrorCode, d.Attempts, d.ScheduledAt, d.UpdatedAt)),
    ];
}
