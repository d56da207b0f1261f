using System.Text.Json;

namespace Broker;

/// <summary>Enum values as the API spells them (camelCase).</summary>
public static class Naming
{
    public static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
