using Broker.Intake;
using Broker.Scheduling;

namespace Broker.Storage;

public interface IItemStore
{
    Task<Item?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Item item, CancellationToken cancellationToken);

    Task UpdateAsync(Item item, CancellationToken cancellationToken);

    Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken);

    /// <summary>The approved items with how many accounts each goes to, without their texts, read a batch at a time.</summary>
    IAsyncEnumerable<ApprovedItem> ListApprovedAsync(CancellationToken cancellationToken);
}
