using System.Security.Cryptography;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbInstallationSecrets(BrokerDatabase database) : IInstallationSecrets
{
    private readonly ILiteCollection<BsonDocument> secrets = database.Database.GetCollection("secrets");

    public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        if (secrets.FindById(name) is { } found)
        {
            return Task.FromResult(found["value"].AsBinary);
        }

        var value = RandomNumberGenerator.GetBytes(length);
        try
        {
            database.Write(() => secrets.Insert(new BsonDocument { ["_id"] = name, ["value"] = value }));
            return Task.FromResult(value);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(secrets.FindById(name)["value"].AsBinary);
        }
    }
}
