using Broker.Intake;

namespace Broker.Storage;

public interface IItemStore
{
    Task<Item?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Item item, CancellationToken cancellationToken);

    Task UpdateAsync(Item item, CancellationToken cancellationToken);

    Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken);
}
