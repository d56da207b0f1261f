using Broker.Asn;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAsnImportStore(BrokerDatabase database) : LiteDbCollection<AsnImportPreview>(database, "asn_imports"), IAsnImportStore
{
    public Task<int> DeleteOlderAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Database.WriteAsync(() => Collection.DeleteMany(LiteDbFilter.Of($"$.{nameof(AsnImportPreview.CreatedAt)} < {{0}}", before.UtcDateTime).ToExpression()));

    // The check and the claim in one turn of the single writer.
    public Task<bool> TryClaimAsync(string id, string by, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken) =>
        Database.WriteAsync(() =>
        {
            var preview = Exact(Collection.FindById(id), p => p.Id, id);
            if (preview is null || (preview.ConfirmedAt is { } claimed && (preview.Imported is not null || claimed >= staleBefore)))
            {
                return false;
            }

            (preview.ConfirmedAt, preview.ConfirmedBy) = (now, by);
            return Collection.Update(preview);
        });

    public Task FinishAsync(string id, int? imported, CancellationToken cancellationToken) =>
        Database.WriteAsync(() =>
        {
            if (Exact(Collection.FindById(id), p => p.Id, id) is { } preview)
            {
                preview.Imported = imported;
                if (imported is null)
                {
                    (preview.ConfirmedAt, preview.ConfirmedBy) = (null, null);
                }

                Collection.Update(preview);
            }
        });
}
