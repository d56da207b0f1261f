using Broker.Access;
using Broker.Accounts;
using Broker.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.ChannelAccounts;

/// <summary>
/// Channel accounts with their health over the last 30 days (from the delivery-health and OPD-activity reports), and a
/// banner naming every account that needs re-authorisation, whose deliveries wait until new credentials arrive.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AccountHealthModel(DeliveryHealthReport health, OpdActivityReport activity, LocalTime time) : PageModel
{
    public sealed record Entry(DeliveryHealth.AccountRow Health, DateTimeOffset? LastPostAt);

    public IReadOnlyList<Entry> Accounts { get; private set; } = [];

    public IReadOnlyList<Entry> NeedReauth => [.. Accounts.Where(a => a.Health.AccountStatus == AccountStatus.NeedsReauth)];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.Now;
        var query = new ReportQuery(new ReportPeriod(now.AddDays(-30), now), ReportFormat.Json, null, Caller.Of(User).ScopeOpd(null));
        var posts = (await activity.BuildAsync(query, cancellationToken)).Opds.SelectMany(o => o.Channels).ToDictionary(c => c.AccountId, c => c.LastPostAt, StringComparer.Ordinal);
        Accounts = [.. (await health.BuildAsync(query, cancellationToken)).Accounts.Select(a => new Entry(a, posts.GetValueOrDefault(a.AccountId)))];
    }
}
