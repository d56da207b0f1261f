using Broker.Amplification;

namespace Broker.Storage;

public interface IAmplificationStore
{
    Task<AmplificationRequest?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<AmplificationRequest>> ListAsync(string? opd, AmplificationStatus? status, CancellationToken cancellationToken);

    Task AddAsync(AmplificationRequest request, CancellationToken cancellationToken);
}
