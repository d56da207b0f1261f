using System.Text.RegularExpressions;
using Broker.Dispatch;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="DeliveryHealth"/>. Failures are grouped by the adapter's reason without the platform's particulars
/// (adapters word a failure as "advice (platform's error, trace id)", and the trace id differs every time); each
/// delivery row keeps the whole error.
/// </summary>
public sealed partial class DeliveryHealthReport(ReportSource source)
{
    public const string ReauthorizationReason = "Account needs re-authorisation";

    public const string StaleReason = "Due while the broker was down (stale)";

    public async Task<DeliveryHealth> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var data = await source.LoadAsync(query, cancellationToken);
        var inPeriod = data.Deliveries.Where(d => query.Period.Contains(d.ScheduledAt)).ToList();
        var byAccount = inPeriod.ToLookup(d => d.AccountId, StringComparer.Ordinal);

        var accounts = data.Accounts
            .OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a =>
            {
                var own = byAccount[a.Id].ToList();
                return new DeliveryHealth.AccountRow(
                    a.Id, a.Name, a.Platform, a.Opd, a.Status, a.StatusReason, own.Count,
                    own.Count(d => d.Status == DeliveryStatus.Published),
                    own.Count(d => d.Status == DeliveryStatus.Failed),
                    own.Count(d => d.Status == DeliveryStatus.Held),
                    own.Count(d => d.Status is DeliveryStatus.Scheduled or DeliveryStatus.Publishing or DeliveryStatus.Retrying),
                    own.Count(d => d.Status == DeliveryStatus.Cancelled));
            })
            .ToList();

        var problems = inPeriod
            .Where(d => d.Status is DeliveryStatus.Failed or DeliveryStatus.Held)
            .OrderByDescending(d => d.UpdatedAt)
            .Select(d => new DeliveryHealth.ProblemRow(
                d.Id, d.ItemId, d.AccountId, d.Platform, data.AccountsById[d.AccountId].Opd, d.Status, Reason(d), d.Error, d.Attempts, d.ScheduledAt, d.UpdatedAt, d.ErrorCode))
            .ToList();

        var failures = problems
            .GroupBy(p => (p.Status, p.Reason, p.ReasonCode, p.AccountId))
            .Select(g =>
            {
                var account = data.AccountsById[g.Key.AccountId];
                return new DeliveryHealth.FailureRow(g.Key.Status, g.Key.Reason, account.Id, account.Name, account.Platform, account.Opd, g.Count(), g.Max(p => p.UpdatedAt), g.Key.ReasonCode);
            })
            .OrderByDescending(f => f.Deliveries).ThenBy(f => f.Reason, StringComparer.Ordinal).ThenBy(f => f.AccountName, StringComparer.Ordinal)
            .ToList();
        return new DeliveryHealth(query.Period, accounts, failures, problems);
    }

    /// <summary>The reason to group by: hold reasons by kind, a failure's advice without its particulars or attempt count.</summary>
    public static string Reason(Delivery delivery) => delivery.Error switch
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
