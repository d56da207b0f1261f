using Broker.Intake;

namespace Broker.Scheduling;

/// <summary>An approved item as start-up recovery sees it: its id, how many accounts it goes to, and its status.</summary>
public sealed record ApprovedItem(string Id, int AccountCount, ItemStatus Status = ItemStatus.Approved);
