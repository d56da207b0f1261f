using Broker.Hosting;

namespace Broker.Sandbox;

public static class SandboxExtensions
{
    public static IHostApplicationBuilder AddBrokerSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SandboxSettings, SandboxSettingsValidator>(SandboxSettings.Section);
        builder.Services.AddHostedService<EmbeddedSandbox>(); // starts a sandbox only while Sandbox:Enabled is true

        return builder;
    }
}
