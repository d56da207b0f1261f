using System.Collections;
using System.Reflection;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// LiteDB 5.0.21 builds a class's mapping, a dictionary's mapping and a list's constructor on first use, in tables read
/// without a lock: the first reads of a type on several threads at once could see one half made ("Collection was
/// modified"), and a dispatch that threw there left its delivery scheduled with no wake-up. Rather than race threads
/// and hope to lose, these tests check the condition that rules the race out: the broker's mapper is handed out with
/// everything a stored document needs already built, so a read builds nothing.
/// </summary>
public sealed class MapperWarmUpTests
{
    private static readonly FieldInfo EntitiesField = typeof(BsonMapper).GetField("_entities", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly IDictionary Constructors = (IDictionary)typeof(BsonMapper).Assembly.GetType("LiteDB.Reflection")!
        .GetField("_cacheCtor", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void Every_class_dictionary_and_list_inside_a_stored_type_is_built_when_the_mapper_is_made()
    {
        var stored = StoredTypes();
        var mapper = BrokerDatabase.CreateMapper();
        var entities = Entities(mapper);

        var inside = Closure(stored);
        Assert.Contains(typeof(Delivery), inside);
        Assert.Contains(typeof(Dictionary<string, string>), inside);
        Assert.Contains(typeof(List<string>), inside);
        Assert.All(inside.Where(t => MapperWarmUp.IsEntity(t) || typeof(IDictionary).IsAssignableFrom(t)), t =>
        {
            Assert.True(entities.Contains(t), $"{t} is not mapped up front");
            Assert.True(CreateInstance(entities[t]!) is not null, $"{t}'s constructor is not chosen up front");
        });
        Assert.All(inside.Where(t => MapperWarmUp.IsCollection(t) && !typeof(IDictionary).IsAssignableFrom(t) && t.IsClass), t =>
            Assert.True(ConstructorCached(t), $"{t}'s constructor is not cached up front"));
    }

    [Fact]
    public void Writing_and_reading_a_full_delivery_and_item_builds_no_mapping_the_warm_up_did_not()
    {
        var mapper = BrokerDatabase.CreateMapper();
        var before = Entities(mapper).Keys.Cast<Type>().ToHashSet();

        var delivery = mapper.ToObject<Delivery>(mapper.ToDocument(new Delivery
        {
            Id = "d1",
            ItemId = "i1",
            AccountId = "a1",
            Platform = "facebook",
            Text = "Teks",
            MediaIds = ["m1"],
            Progress = new() { ["k"] = "v" },
        }));
        var item = mapper.ToObject<Item>(mapper.ToDocument(new Item
        {
            Id = "i1",
            Opd = "diskominfo",
            Title = "Judul",
            Body = "Isi",
            MediaIds = ["m1"],
            AccountIds = ["a1"],
            EditedBy = ["u1"],
            ShareOpds = ["dinkes"],
        }));

        Assert.Equal(["m1"], delivery.MediaIds);
        Assert.Equal("v", delivery.Progress["k"]);
        Assert.Equal(["dinkes"], item.ShareOpds);
        Assert.Equal(before, Entities(mapper).Keys.Cast<Type>().ToHashSet());
        Assert.All(before, t => Assert.NotNull(CreateInstance(Entities(mapper)[t]!)));
    }

    [Fact]
    public void Every_type_a_store_keeps_is_found_by_the_warm_up()
    {
        var entities = Entities(BrokerDatabase.CreateMapper());

        Assert.NotEmpty(StoredTypes());
        Assert.All(StoredTypes(), t => Assert.True(entities.Contains(t), $"{t.Name} is kept by a store but not mapped up front"));
    }

    private static List<Type> StoredTypes() => typeof(BrokerDatabase).Assembly.GetTypes()
        .Select(t => t.BaseType)
        .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition() == typeof(LiteDbCollection<>))
        .Select(b => b!.GetGenericArguments()[0])
        .Distinct()
        .ToList();

    // Every type reachable from the stored ones through public properties, generic arguments and array elements.
    private static HashSet<Type> Closure(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(roots);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            IEnumerable<Type> next = type switch
            {
                { IsArray: true } => [type.GetElementType()!],
                { IsGenericType: true } => type.GetGenericArguments(),
                _ when MapperWarmUp.IsEntity(type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType),
                _ => [],
            };
            foreach (var inner in next)
            {
                pending.Enqueue(inner);
            }
        }

        return seen;
    }

    private static IDictionary Entities(BsonMapper mapper) => (IDictionary)EntitiesField.GetValue(mapper)!;

    private static object? CreateInstance(object entityMapper) =>
        entityMapper.GetType().GetProperty("CreateInstance", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(entityMapper);

    private static bool ConstructorCached(Type type)
    {
        lock (Constructors)
        {
            return Constructors.Contains(type);
        }
    }
}
