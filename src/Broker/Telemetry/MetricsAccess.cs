using System.Net;
using Broker.Access;
using Microsoft.Extensions.Options;

namespace Broker.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c>: loopback, or only the networks in <c>Telemetry:Prometheus:AllowedNetworks</c>. The
/// metrics name accounts and show the broker's load, so the endpoint is never open to the internet; behind a reverse
/// proxy the client's own address is checked (<c>ForwardedHeaders</c>), not the proxy's.
/// </summary>
internal sealed class MetricsAccess(IOptions<TelemetryOptions> options)
{
    private readonly IPNetwork[] allowed = options.Value.Prometheus.AllowedNetworks is { Count: > 0 } listed
        ? [.. listed.Select(n => IPNetwork.Parse(n))]
        : [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public bool Allows(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return allowed.Any(n => n.Contains(address));
    }

    /// <summary>The gate in front of the scrape: 403 with a problem for anyone else.</summary>
    public static void Gate(IApplicationBuilder branch) => branch.Use(async (context, next) =>
    {
        if (context.RequestServices.GetRequiredService<MetricsAccess>().Allows(context.Connection.RemoteIpAddress))
        {
            await next(context);
            return;
        }

        await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed",
            "Metrics are served to loopback, or to the networks in Telemetry:Prometheus:AllowedNetworks, only.");
    });
}
