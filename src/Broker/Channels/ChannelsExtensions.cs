namespace Broker.Channels;

public static class ChannelsExtensions
{
    /// <summary>Loads the adapter plugins and lets each register itself.</summary>
    public static IHostApplicationBuilder AddBrokerAdapters(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AdaptersOptions.Section).Get<AdaptersOptions>() ?? new AdaptersOptions();
        foreach (var plugin in AdapterPlugins.Discover(options, builder.Environment.ContentRootPath))
        {
            plugin.Register(builder.Services, builder.Configuration);
        }

        builder.Services.AddSingleton<AdapterRegistry>();
        builder.Services.AddSingleton<ApiBaseUrlPolicy>();
        return builder;
    }
}
