using Broker.Hosting;

namespace Broker.Api;

/// <summary>Reads a status named in a query string (camelCase, case ignored; numbers refused) with a message listing the valid ones.</summary>
public static class StatusFilter
{
    public static bool TryParse<TStatus>(string name, out TStatus status, out string error)
        where TStatus : struct, Enum
    {
        if (Enum.TryParse(name, ignoreCase: true, out status) && !int.TryParse(name, out _))
        {
            error = "";
            return true;
        }

        error = $"Unknown status '{name}'; use one of: {string.Join(", ", Enum.GetValues<TStatus>().Select(Naming.Camel))}.";
        return false;
    }
}
