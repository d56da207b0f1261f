using Broker.Access;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbSignInLinkStore(BrokerDatabase database) : LiteDbCollection<SignInLink>(database, "sign_in_links"), ISignInLinkStore
{
    public Task AddAllAsync(IReadOnlyList<SignInLink> links, CancellationToken cancellationToken)
    {
        if (links.Count > 0)
        {
            Database.Write(() => Collection.InsertBulk(links, batchSize: links.Count));
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Database.WriteAsync(() => Collection.DeleteMany(LiteDbFilter.Of($"$.{nameof(SignInLink.ExpiresAt)} < {{0}}", before.UtcDateTime).ToExpression()));

    // The check and the mark in one turn of the single writer: no other use of the link comes between them.
    public Task<SignInLink?> TryUseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Database.WriteAsync<SignInLink?>(() =>
        {
            var link = Exact(Collection.FindById(id), l => l.Id, id);
            if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
            {
                return null;
            }

            link.UsedAt = now;
            Collection.Update(link);
            return link;
        });
}
