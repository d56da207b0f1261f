using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// Loads the stores' contents for a report, limited to the query's OPD (a city's volume fits in memory): the working
/// items and deliveries and the archived ones (finished work moved by <see cref="ArchiveSweep"/>) together.
/// </summary>
public sealed class ReportSource(IOpdStore opds, IAccountStore accounts, IItemStore items, IDeliveryStore deliveries, IArchiveStore archive)
{
    public async Task<ReportData> LoadAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var inScope = (await opds.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var channels = await accounts.ListAsync(query.Opd, cancellationToken);
        var ids = channels.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var sent = (await deliveries.ListByStatusAsync(Enum.GetValues<DeliveryStatus>(), cancellationToken)).Where(d => ids.Contains(d.AccountId)).ToList();
        sent.AddRange(await archive.ListDeliveriesAsync(ids, cancellationToken));
        var written = (await items.ListAsync(null, query.Opd, cancellationToken)).ToList();
        written.AddRange(await archive.ListItemsAsync(query.Opd, cancellationToken));
        return new ReportData(inScope, channels, written, sent);
    }
}
