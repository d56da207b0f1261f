using Broker.Accounts;
using Broker.Dispatch;

namespace Broker.Reports;

/// <summary>
/// Flow 8: how deliveries fared, for deliveries first due in the period. Per account: how many were published, failed,
/// held, pending or cancelled, with the account's status; the failed and held ones grouped by reason and account; and
/// each failed or held delivery.
/// </summary>
public sealed record DeliveryHealth(
    ReportPeriod Period,
    IReadOnlyList<DeliveryHealth.AccountRow> Accounts,
    IReadOnlyList<DeliveryHealth.FailureRow> Failures,
    IReadOnlyList<DeliveryHealth.ProblemRow> Deliveries) : ITabularReport
{
    public static IReadOnlyList<string> TableNames { get; } = ["failures", "accounts", "deliveries"];

    public CsvTable Table(string name) => name switch
    {
        "failures" => new CsvTable(name,
            ["status", "reason", "accountId", "accountName", "platform", "opd", "deliveries", "lastAt"],
            [.. Failures.Select(f => new object?[] { f.Status, f.Reason, f.AccountId, f.AccountName, f.Platform, f.Opd, f.Deliveries, f.LastAt })]),
        "accounts" => new CsvTable(name,
            ["accountId", "accountName", "platform", "opd", "accountStatus", "accountStatusReason", "deliveries", "published", "failed", "held", "pending", "cancelled"],
            [.. Accounts.Select(a => new object?[] { a.AccountId, a.AccountName, a.Platform, a.Opd, a.AccountStatus, a.AccountStatusReason, a.Deliveries, a.Published, a.Failed, a.Held, a.Pending, a.Cancelled })]),
        "deliveries" => new CsvTable(name,
            ["deliveryId", "itemId", "accountId", "platform", "opd", "status", "reason", "error", "attempts", "scheduledAt", "updatedAt"],
            [.. Deliveries.Select(d => new object?[] { d.DeliveryId, d.ItemId, d.AccountId, d.Platform, d.Opd, d.Status, d.Reason, d.Error, d.Attempts, d.ScheduledAt, d.UpdatedAt })]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown table."),
    };

    public sealed record AccountRow(
        string AccountId,
        string AccountName,
        string Platform,
        string Opd,
        AccountStatus AccountStatus,
        string? AccountStatusReason,
        int Deliveries,
        int Published,
        int Failed,
        int Held,
        int Pending,
        int Cancelled);

    public sealed record FailureRow(
        DeliveryStatus Status,
        string Reason,
        string AccountId,
        string AccountName,
        string Platform,
        string Opd,
        int Deliveries,
        DateTimeOffset LastAt,
        string? ReasonCode = null);

    public sealed record ProblemRow(
        string DeliveryId,
        string ItemId,
        string AccountId,
        string Platform,
        string Opd,
        DeliveryStatus Status,
        string Reason,
        string? Error,
        int Attempts,
        DateTimeOffset ScheduledAt,
        DateTimeOffset UpdatedAt,
        string? ReasonCode = null);
}
