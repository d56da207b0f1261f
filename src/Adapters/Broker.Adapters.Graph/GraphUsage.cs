using System.Net.Http.Headers;
using System.Text.Json;

namespace Broker.Adapters.Graph;

/// <summary>
/// What the usage headers of one answer say: <c>X-App-Usage</c> (percentages of the app's limit) and
/// <c>X-Business-Use-Case-Usage</c> (per business object, with <c>estimated_time_to_regain_access</c> in minutes).
/// </summary>
/// <param name="HighestPercent">The highest usage percentage in either header (throttling starts at 100).</param>
/// <param name="RegainAccessAfter">The longest <c>estimated_time_to_regain_access</c>, when one is above zero.</param>
public sealed record GraphUsage(int HighestPercent, TimeSpan? RegainAccessAfter)
{
    /// <summary>No usage headers.</summary>
    public static GraphUsage None { get; } = new(0, null);

    private static readonly string[] PercentFields = ["call_count", "total_cputime", "total_time"];

    /// <summary>Reads both headers; a missing or malformed header counts as no usage.</summary>
    public static GraphUsage FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var usage = new Accumulator();
        if (headers.TryGetValues("X-App-Usage", out var app))
        {
            foreach (var value in app)
            {
                Read(value, element => usage.Add(element));
            }
        }

        if (headers.TryGetValues("X-Business-Use-Case-Usage", out var business))
        {
            foreach (var value in business)
            {
                Read(value, root => AddBusinessUseCases(root, usage));
            }
        }

        return usage.ToUsage();
    }

    private static void AddBusinessUseCases(JsonElement root, Accumulator usage)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var businessObject in root.EnumerateObject())
        {
            if (businessObject.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var useCase in businessObject.Value.EnumerateArray())
            {
                usage.Add(useCase);
            }
        }
    }

    private static void Read(string header, Action<JsonElement> read)
    {
        try
        {
            using var document = JsonDocument.Parse(header);
            read(document.RootElement);
        }
        catch (JsonException)
        {
            // A header we cannot read must not turn a good answer into a failure.
        }
    }

    private sealed class Accumulator
    {
        private int highestPercent;
        private long regainMinutes;

        public void Add(JsonElement element)
        {
            foreach (var field in PercentFields)
            {
                if (GraphJson.Long(element, field) is { } percent && percent > highestPercent)
                {
                    highestPercent = (int)Math.Min(percent, int.MaxValue);
                }
            }

            if (GraphJson.Long(element, "estimated_time_to_regain_access") is { } minutes && minutes > regainMinutes)
            {
                regainMinutes = minutes;
            }
        }

        public GraphUsage ToUsage() =>
            new(highestPercent, regainMinutes > 0 ? TimeSpan.FromMinutes(regainMinutes) : null);
    }
}
