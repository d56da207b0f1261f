using Broker.Amplification;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAmplificationStore : LiteDbCollection<AmplificationRequest>, IAmplificationStore
{
    public const string Name = "amplification";

    public LiteDbAmplificationStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(a => a.Opd);
    }

    public Task<IReadOnlyList<AmplificationRequest>> ListAsync(string? opd, AmplificationStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AmplificationRequest>>(
            (opd is null ? Collection.FindAll() : Collection.Find(a => a.Opd == opd))
                .Where(a => status is null || a.Status == status)
                .OrderByDescending(a => a.CreatedAt)
                .ToList());
}
