using System.Collections;
using System.Reflection;
using LiteDB;

namespace Broker.Storage;

/// <summary>
/// Builds, on one thread before the mapper is shared, everything LiteDB 5.0.21 would otherwise build on first use
/// without a lock, for every stored type and every type inside it, recursively:
/// <list type="bullet">
/// <item>the entity mapping of each class: <c>BsonMapper.BuildAddEntityMapper</c> lists a type's mapping before it fills
/// in its members, and <c>GetEntityMapper</c> reads the list without a lock, so the first reads of a type on several
/// threads at once could enumerate a half-made mapping ("Collection was modified") or see it missing fields (5.0.20 made
/// the mapping whole before listing it);</item>
/// <item>the same mapping of each dictionary type (a <c>Dictionary</c> inside a stored class is read through one, and
/// its constructor is chosen by walking the mapping's members while another thread may still be adding them);</item>
/// <item>the constructor of each list type, cached in LiteDB's static <c>Reflection</c> table, which is read without a lock.</item>
/// </list>
/// Each is built by reading an empty value of the type once, as a read of a stored document would.
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
            if (!seen.Add(type))
            {
                continue;
            }

            if (IsEntity(type))
            {
                Entity.MakeGenericMethod(type).Invoke(mapper, null);
                mapper.Deserialize(type, new BsonDocument());
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
            else if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
            }
            else if (IsCollection(type))
            {
                // A dictionary is read from a document, any other collection from an array.
                mapper.Deserialize(type, typeof(IDictionary).IsAssignableFrom(type) ? new BsonDocument() : new BsonArray());
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
            }
            else if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                pending.Push(underlying);
            }
        }
    }

    /// <summary>The broker's own classes: the types LiteDB maps member by member.</summary>
    public static bool IsEntity(Type type) =>
        type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("Broker", StringComparison.Ordinal) == true;

    /// <summary>A generic collection type (list, set, dictionary) other than a string or an array.</summary>
    public static bool IsCollection(Type type) =>
        type.IsGenericType && !type.IsArray && typeof(IEnumerable).IsAssignableFrom(type);
}
