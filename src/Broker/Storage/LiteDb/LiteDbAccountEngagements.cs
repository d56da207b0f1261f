using Broker.Engagement;

namespace Broker.Storage.LiteDb;

/// <summary>Each account's read-back state, written by compare-and-set on its version.</summary>
internal sealed class LiteDbAccountEngagements(BrokerDatabase database) : LiteDbCollection<AccountEngagement>(database, "accountengagement")
{
    public Task<IReadOnlyList<AccountEngagement>> AllAsync() =>
        Task.FromResult<IReadOnlyList<AccountEngagement>>([.. Collection.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal)]);

    public Task<bool> CompareAndSetAsync(AccountEngagement state)
    {
        var was = state.Version;
        state.Version = was + 1;
        var document = Database.Database.Mapper.ToDocument(state);
        state.Version = was;
        return Database.WriteAsync(() =>
        {
            var stored = Documents.FindById(state.Id);
            if (stored is not null && !Exact(stored["_id"], state.Id))
            {
                return false;
            }

            if (was == 0)
            {
                if (stored is not null)
                {
                    return false;
                }

                Documents.Insert(document);
            }
            else
            {
                if (stored is null || stored[nameof(AccountEngagement.Version)].AsInt64 != was)
                {
                    return false;
                }

                Documents.Update(document);
            }

            state.Version = was + 1;
            return true;
        });
    }
}
