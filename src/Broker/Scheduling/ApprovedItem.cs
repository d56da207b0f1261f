namespace Broker.Scheduling;

/// <summary>An approved item as start-up recovery sees it: its id and how many accounts it goes to.</summary>
public sealed record ApprovedItem(string Id, int AccountCount);
