using Broker.Engagement;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Native posts, one document per account and platform id (the document's id).</summary>
internal sealed class LiteDbNativePosts : LiteDbCollection<NativePost>
{
    public LiteDbNativePosts(BrokerDatabase database)
        : base(database, "nativeposts")
    {
        Index(p => p.PublishedAt);
    }

    public Task<bool> SaveAsync(NativePost post)
    {
        var document = Database.Database.Mapper.ToDocument(post);
        return Database.WriteAsync(() =>
        {
            if (Documents.FindById(post.Id) is { } stored && Exact(stored["_id"], post.Id))
            {
                document[nameof(NativePost.FirstSeenAt)] = stored[nameof(NativePost.FirstSeenAt)];
                Documents.Update(document);
                return false;
            }

            Documents.Insert(document);
            return true;
        });
    }

    public Task<bool> DeleteAsync(string id) =>
        Database.WriteAsync(() => Documents.FindById(id) is { } stored && Exact(stored["_id"], id) && Documents.Delete(id));

    public Task<IReadOnlyList<NativePost>> PublishedBetweenAsync(DateTimeOffset from, DateTimeOffset to, string? opd) =>
        Task.FromResult<IReadOnlyList<NativePost>>([.. Collection.Find(LiteDbFilter.Of($"$.{nameof(NativePost.PublishedAt)} >= {{0}}", from.UtcDateTime)
                .And($"$.{nameof(NativePost.PublishedAt)} < {{0}}", to.UtcDateTime).ToExpression())
            .Where(p => opd is null || string.Equals(p.Opd, opd, StringComparison.Ordinal))
            .OrderBy(p => p.PublishedAt)
            .ThenBy(p => p.Id, StringComparer.Ordinal)]);
}
