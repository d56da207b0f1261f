using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Reports;

/// <summary>Loads the stores' contents for a report, limited to the query's OPD (a city's volume fits in memory).</summary>
public sealed class ReportSource(IOpdStore opds, IAccountStore accounts, IItemStore items, IDeliveryStore deliveries)
{
    public async Task<ReportData> LoadAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var inScope = (await opds.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var channels = await accounts.ListAsync(query.Opd, cancellationToken);
        var ids = channels.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var sent = (await deliveries.ListByStatusAsync(Enum.GetValues<DeliveryStatus>(), cancellationToken)).Where(d => ids.Contains(d.AccountId)).ToList();
        return new ReportData(inScope, channels, await items.ListAsync(null, query.Opd, cancellationToken), sent);
    }
}
