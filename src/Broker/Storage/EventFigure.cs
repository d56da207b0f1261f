namespace Broker.Storage;

/// <summary>
/// The two-hour rule's figures of one local day and OPD: the items (rejected ones left out) whose event ended that day,
/// how many were first published within the time allowed (<see cref="TargetMinutes"/>, <c>Reports:PublishWithin</c> when
/// computed), how many after it, and how many not yet. A reader whose time allowed differs reads that day's raw rows.
/// </summary>
public sealed record EventFigure(DateOnly Day, string Opd, int Items, int Met, int Missed, int Unpublished, int TargetMinutes);
