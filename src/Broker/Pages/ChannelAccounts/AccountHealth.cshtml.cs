using Broker.Access;
using Broker.Accounts;
using Broker.Engagement;
using Broker.Reports;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.ChannelAccounts;

/// <summary>
/// Channel accounts with their health over the last 30 days (from the delivery-health and OPD-activity reports), and a
/// banner naming every account that needs re-authorisation, whose deliveries wait until new credentials arrive.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AccountHealthModel(DeliveryHealthReport health, OpdActivityReport activity, IAccountStore channels, EngagementPauses pauses, LocalTime time) : PageModel
{
    public sealed record Entry(DeliveryHealth.AccountRow Health, DateTimeOffset? LastPostAt);

    public IReadOnlyList<Entry> Accounts { get; private set; } = [];

    /// <summary>Accounts whose token may not read metrics, with the platform's reason; their reading is paused.</summary>
    public IReadOnlyDictionary<string, string> MetricsNotPermitted { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<Entry> NeedReauth => [.. Accounts.Where(a => a.Health.AccountStatus == AccountStatus.NeedsReauth)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.Now;
        var query = new ReportQuery(new ReportPeriod(now.AddDays(-30), now), ReportFormat.Json, null, Caller.Of(User).ScopeOpd(null));
        var posts = (await activity.BuildAsync(query, cancellationToken)).Opds.SelectMany(o => o.Channels).ToDictionary(c => c.AccountId, c => c.LastPostAt, StringComparer.Ordinal);
        MetricsNotPermitted = await pauses.NotPermittedAsync(await channels.ListAsync(query.Opd, cancellationToken), cancellationToken);
        Accounts = [.. (await health.BuildAsync(query, cancellationToken)).Accounts.Select(a => new Entry(a, posts.GetValueOrDefault(a.AccountId)))];
    }
}
