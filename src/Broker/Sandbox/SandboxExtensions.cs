namespace Broker.Sandbox;

public static class SandboxExtensions
{
    public static IHostApplicationBuilder AddBrokerSandbox(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SandboxSettings.Section);
        builder.Services.Configure<SandboxSettings>(section);
        if (section.Get<SandboxSettings>()?.Enabled == true)
        {
            builder.Services.AddHostedService<EmbeddedSandbox>();
        }

        return builder;
    }
}
