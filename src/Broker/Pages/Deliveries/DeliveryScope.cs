using Broker.Access;
using Broker.Accounts;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Pages.Deliveries;

/// <summary>Deliveries a manager may see (every account for editors, their OPD's for OPD admins), with their items and accounts.</summary>
public sealed class DeliveryScope(IDeliveryStore deliveries, IAccountStore accounts, IItemStore items)
{
    public sealed record Row(Delivery Delivery, Account Account, Item? Item);

    public async Task<IReadOnlyList<Row>> ListAsync(Caller caller, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken)
    {
        var visible = (await accounts.ListAsync(caller.IsEditor ? null : caller.Opd, cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var found = (await deliveries.ListByStatusAsync(statuses, cancellationToken)).Where(d => visible.ContainsKey(d.AccountId)).ToList();
        var titles = new Dictionary<string, Item?>(StringComparer.Ordinal);
        foreach (var id in found.Select(d => d.ItemId).Distinct())
        {
            titles[id] = await items.GetAsync(id, cancellationToken);
        }

        return [.. found.Select(d => new Row(d, visible[d.AccountId], titles[d.ItemId]))];
    }
}
