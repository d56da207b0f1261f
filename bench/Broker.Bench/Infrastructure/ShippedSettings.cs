using Broker.Dispatch;
using Microsoft.Extensions.Configuration;

namespace Broker.Bench.Infrastructure;

/// <summary>The settings the broker runs with here: its own appsettings files beside the build output.</summary>
internal static class ShippedSettings
{
    private static readonly Lazy<IConfiguration> Configuration = new(() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Path.GetDirectoryName(RepoPaths.BrokerDll())!, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Path.GetDirectoryName(RepoPaths.BrokerDll())!, "appsettings.Production.json"), optional: true)
        .Build());

    /// <summary><c>Delivery:MaxConcurrency</c>: how many deliveries the broker publishes at once.</summary>
    public static int MaxConcurrency =>
        Configuration.Value.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>()?.MaxConcurrency ?? new DeliveryOptions().MaxConcurrency;
}
