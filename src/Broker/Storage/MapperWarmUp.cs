using System.Collections;
using System.Reflection;
using LiteDB;

namespace Broker.Storage;

/// <summary>
/// Maps every stored type, and the classes inside them, on one thread before the mapper is shared. LiteDB 5.0.21's
/// <c>BsonMapper.BuildAddEntityMapper</c> lists a type's mapping before it fills in its members (so that a type can refer
/// to itself), and <c>GetEntityMapper</c> reads the list without a lock: the first reads or writes of a type on several
/// threads at once could enumerate a half-made mapping ("Collection was modified") or see it missing fields. 5.0.20 made
/// the mapping whole before listing it.
/// </summary>
internal static class MapperWarmUp
{
    private static readonly MethodInfo Entity = typeof(BsonMapper).GetMethod(nameof(BsonMapper.Entity))!;

    public static void Map(BsonMapper mapper, IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!IsEntity(type) || !seen.Add(type))
            {
                continue;
            }

            Entity.MakeGenericMethod(type).Invoke(mapper, null);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var inner in Inner(property.PropertyType))
                {
                    pending.Push(inner);
                }
            }
        }
    }

    // The broker's own classes: LiteDB maps collections, dictionaries and primitives without an entity mapping.
    private static bool IsEntity(Type type) =>
        type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("Broker", StringComparison.Ordinal) == true;

    private static IEnumerable<Type> Inner(Type type) =>
        type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? [type, .. type.GetGenericArguments()] : [type];
}
