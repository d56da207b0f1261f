using Broker.Asn;

namespace Broker.Storage;

public interface IAsnStore
{
    Task<AsnRecord?> GetAsync(string nip, CancellationToken cancellationToken);

    Task<IReadOnlyList<AsnRecord>> ListAsync(string? opd, CancellationToken cancellationToken);

    /// <summary>A page of the directory in NIP order (see <see cref="AsnPageQuery"/>), read through an index range.</summary>
    Task<IReadOnlyList<AsnRecord>> PageAsync(AsnPageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The names of the NIPs among <paramref name="nips"/> that are in the directory, looked up by key (so the keys are the
    /// NIPs already there): the cost of the NIPs asked about, not of the directory.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> nips, CancellationToken cancellationToken);

    /// <summary>Adds the record; false when its NIP is already there.</summary>
    Task<bool> TryAddAsync(AsnRecord record, CancellationToken cancellationToken);

    /// <summary>Adds all records in one transaction: all of them or, on any failure, none.</summary>
    Task AddAllAsync(IReadOnlyList<AsnRecord> records, CancellationToken cancellationToken);

    Task UpdateAsync(AsnRecord record, CancellationToken cancellationToken);
}
