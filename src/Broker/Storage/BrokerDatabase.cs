using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process, opened in Direct mode (never Shared: mixing modes loses writes).
/// Dates are stored as UTC; the mapper turns <see cref="DateTimeOffset"/> into UTC date-times and back.
/// </summary>
internal sealed class BrokerDatabase : IDisposable
{
    public BrokerDatabase(IOptions<StorageOptions> options)
    {
        // Relative to the working directory, so `dotnet run` from the checkout keeps its data in ./data/.
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        Database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, CreateMapper());
    }

    public LiteDatabase Database { get; }

    public string FilePath { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    public void Checkpoint() => Database.Checkpoint();

    public void Dispose()
    {
        try
        {
            Database.Checkpoint();
        }
        finally
        {
            Database.Dispose();
        }
    }

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        return mapper;
    }
}
