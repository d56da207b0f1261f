using System.Text.RegularExpressions;
using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="DeliveryHealth"/>. Failures are grouped by the adapter's reason without the platform's particulars
/// (adapters word a failure as "advice (platform's error, trace id)", and the trace id differs every time); each
/// delivery row keeps the whole error. The counts per account and the failed and held deliveries come from the daily
/// figures (<see cref="DailyFigureReader"/>: the rows kept per clean day, the rest from an index range on the first-due
/// times): never every delivery stored, nor a year of whole deliveries.
/// </summary>
public sealed partial class DeliveryHealthReport(IAccountStore accountStore, DailyFigureReader figures)
{
    public const string ReauthorizationReason = "Account needs re-authorisation";

    public const string StaleReason = "Due while the broker was down (stale)";

    public async Task<DeliveryHealth> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var channels = await accountStore.ListAsync(query.Opd, cancellationToken);
        var byId = channels.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var counts = await figures.SumAsync(query.Period.From, query.Period.To, cancellationToken);

        var accounts = channels
            .OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a =>
            {
                var own = counts.GetValueOrDefault(a.Id) ?? DailyTally.Empty(default, a.Id);
                return new DeliveryHealth.AccountRow(
                    a.Id, a.Name, a.Platform, a.Opd, a.Status, a.StatusReason, own.Deliveries, own.Published, own.Failed, own.Held, own.Pending, own.Cancelled);
            })
            .ToList();

        var inPeriod = (await figures.ProblemsAsync(query.Period.From, query.Period.To, cancellationToken)).Where(d => byId.ContainsKey(d.AccountId));
        var problems = inPeriod
            .OrderByDescending(d => d.UpdatedAt)
            .ThenBy(d => d.DeliveryId, StringComparer.Ordinal)
            .Select(d => new DeliveryHealth.ProblemRow(
                d.DeliveryId, d.ItemId, d.AccountId, d.Platform, byId[d.AccountId].Opd, d.Status, Reason(d.Error), d.Error, d.Attempts, d.ScheduledAt, d.UpdatedAt, d.ErrorCode))
            .ToList();

        var failures = problems
            .GroupBy(p => (p.Status, p.Reason, p.ReasonCode, p.AccountId))
            .Select(g =>
            {
                var account = byId[g.Key.AccountId];
                return new DeliveryHealth.FailureRow(g.Key.Status, g.Key.Reason, account.Id, account.Name, account.Platform, account.Opd, g.Count(), g.Max(p => p.UpdatedAt), g.Key.ReasonCode);
            })
            .OrderByDescending(f => f.Deliveries).ThenBy(f => f.Reason, StringComparer.Ordinal).ThenBy(f => f.AccountName, StringComparer.Ordinal)
            .ToList();
        return new DeliveryHealth(query.Period, accounts, failures, problems);
    }

    /// <summary>The reason to group by: hold reasons by kind, a failure's advice without its particulars or attempt count.</summary>
    public static string Reason(Delivery delivery) => Reason(delivery.Error);

    /// <inheritdoc cref="Reason(Delivery)"/>
    public static string Reason(string? error) => error switch
    {
        null or "" => "(no reason recorded)",
        var e when e.StartsWith(HoldReasons.ReauthPrefix, StringComparison.Ordinal) => ReauthorizationReason,
        var e when e.StartsWith(HoldReasons.StalePrefix, StringComparison.Ordinal) => StaleReason,
        var e => Advice(AttemptCount().Replace(e, "").Trim()),
    };

    private static string Advice(string error)
    {
        var particulars = error.IndexOf(" (", StringComparison.Ordinal);
        return particulars > 0 ? error[..particulars] : error;
    }

    [GeneratedRegex(@"\s*\(gave up after \d+ attempts\)\z")]
    private static partial Regex AttemptCount();
}
