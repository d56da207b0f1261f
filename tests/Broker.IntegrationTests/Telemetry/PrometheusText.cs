using System.Globalization;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>Reads a sample out of a Prometheus text scrape: the line of a metric whose labels include every one given.</summary>
public static class PrometheusText
{
    public static double? Sample(string scrape, string metric, params string[] labels) => scrape
        .Split('\n')
        .Where(line => (line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
        .Select(line => double.Parse(line[(Math.Max(line.IndexOf('}', StringComparison.Ordinal), metric.Length) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
        .Cast<double?>()
        .FirstOrDefault();
}
