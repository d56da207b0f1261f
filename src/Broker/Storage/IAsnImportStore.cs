using Broker.Asn;

namespace Broker.Storage;

/// <summary>ASN import previews, kept between the upload and the editor's confirmation.</summary>
public interface IAsnImportStore
{
    Task AddAsync(AsnImportPreview preview, CancellationToken cancellationToken);

    Task<AsnImportPreview?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the preview for its import, in one atomic step: when it is unclaimed, or claimed before
    /// <paramref name="staleBefore"/> by an import that never finished. Of two claims at once, exactly one is true.
    /// </summary>
    Task<bool> TryClaimAsync(string id, string by, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>Records how many rows the claimed import added, or releases the claim (null) when it failed.</summary>
    Task FinishAsync(string id, int? imported, CancellationToken cancellationToken);

    /// <summary>Removes the previews made before <paramref name="before"/>; how many.</summary>
    Task<int> DeleteOlderAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
