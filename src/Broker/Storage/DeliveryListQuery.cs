using Broker.Dispatch;

namespace Broker.Storage;

/// <summary>
/// Which deliveries a paged list shows, in order of when they are (or were) due: in <see cref="Statuses"/>, of
/// <see cref="AccountIds"/> (null: every account), due in [<see cref="From"/>, <see cref="To"/>) where given; latest first
/// when <see cref="LatestFirst"/>. <see cref="WithAttempts"/>: whether a list of <see cref="DeliveryRow"/> reads how each
/// delivery's attempts went (when it was first scheduled, how many, the last error); a list that does not show them
/// leaves those fields unread.
/// </summary>
public sealed record DeliveryListQuery(
    IReadOnlyCollection<DeliveryStatus> Statuses,
    IReadOnlyCollection<string>? AccountIds = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool LatestFirst = false,
    bool WithAttempts = true);
