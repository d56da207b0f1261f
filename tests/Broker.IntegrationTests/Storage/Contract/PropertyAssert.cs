using System.Collections;
using System.Reflection;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>Compares entities property by property, into collections and nested objects, naming the property that differs.</summary>
internal static class PropertyAssert
{
    /// <summary>
    /// Every public property of <paramref name="actual"/> equals <paramref name="expected"/>'s. Times are compared as
    /// instants (<see cref="DateTimeOffset.Equals(DateTimeOffset)"/>): LiteDB keeps them in UTC.
    /// </summary>
    public static void Same<T>(T expected, T actual) => Same(expected, actual, typeof(T).Name);

    /// <summary>No public property of <paramref name="entity"/> holds its type's default or an empty collection.</summary>
    public static void FullyPopulated<T>(T entity)
    {
        foreach (var property in Properties(typeof(T)))
        {
            var value = property.GetValue(entity);
            var type = property.PropertyType;
            var isDefault = value is null
                || (type.IsValueType && Nullable.GetUnderlyingType(type) is null && value.Equals(Activator.CreateInstance(type)))
                || (value is IEnumerable sequence and not string && !sequence.Cast<object>().Any());
            Assert.False(isDefault, $"{typeof(T).Name}.{property.Name} is not set, so the round trip would not prove it is stored");
        }
    }

    private static void Same(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        if (expected is string || type.IsValueType)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
        }
        else if (expected is IDictionary dictionary)
        {
            var other = (IDictionary)actual;
            Assert.True(dictionary.Count == other.Count, $"{path}: expected {dictionary.Count} entries, got {other.Count}");
            foreach (DictionaryEntry entry in dictionary)
            {
                Same(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
            }
        }
        else if (expected is IEnumerable sequence)
        {
            var left = sequence.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} elements, got {right.Count}");
            for (var i = 0; i < left.Count; i++)
            {
                Same(left[i], right[i], $"{path}[{i}]");
            }
        }
        else
        {
            foreach (var property in Properties(type))
            {
                Same(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);
}
