using System.Runtime.CompilerServices;
using Broker.Intake;
using Broker.Scheduling;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbItemStore : LiteDbCollection<Item>, IItemStore
{
    private const string Name = "items";

    // An approved item is indexed by its id; any other has no entry (an empty list of keys). The approved ones can be
    // walked in id order, a batch at a time, without reading the others.
    private const string ApprovedId = $"ITEMS(IIF($.Status = '{nameof(ItemStatus.Approved)}', [$._id], []))";

    // Each batch is its own read: LiteDB keeps every page a read touches until the read ends.
    private const int Batch = 500;

    private static readonly BsonExpression ApprovedFields = BsonExpression.Create("{ _id, Accounts: LENGTH($.AccountIds) }");

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbItemStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(i => i.Status);
        Index(i => i.Opd);
        documents = database.Database.GetCollection(Name);
        database.Write(() => documents.EnsureIndex("ApprovedById", BsonExpression.Create(ApprovedId)));
    }

    public async Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken)
    {
        var found = (status, opd) switch
        {
            (null, null) => await FindAsync(_ => true),
            ({ } s, null) => await FindAsync(i => i.Status == s),
            (null, { } o) => await FindAsync(i => i.Opd == o),
            ({ } s, { } o) => await FindAsync(i => i.Status == s && i.Opd == o),
        };
        return [.. found.OrderByDescending(i => i.CreatedAt)];
    }

    public async IAsyncEnumerable<ApprovedItem> ListApprovedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = BsonValue.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = documents.Query().Where(BsonExpression.Create(ApprovedId + " ANY > @0", after)).Select(ApprovedFields).Limit(Batch).ToList();
            foreach (var document in batch)
            {
                yield return new ApprovedItem(document["_id"].AsString, document["Accounts"].IsNumber ? document["Accounts"].AsInt32 : 0);
            }

            if (batch.Count < Batch)
            {
                yield break;
            }

            after = batch[^1]["_id"];
            await Task.Yield();
        }
    }
}
