using Broker.Hosting;

namespace Broker.Channels;

public static class ChannelsExtensions
{
    /// <summary>Loads the adapter plugins and lets each register itself.</summary>
    public static IHostApplicationBuilder AddBrokerAdapters(this IHostApplicationBuilder builder)
    {
        // Plugins register services, so which ones to load is decided now; bad settings load none and fail the start with the rest.
        builder.Services.AddValidatedOptions<AdaptersOptions, AdaptersOptionsValidator>(AdaptersOptions.Section);
        var options = builder.Configuration.BindNow<AdaptersOptions, AdaptersOptionsValidator>(AdaptersOptions.Section, new AdaptersOptionsValidator());
        foreach (var plugin in options is null ? [] : AdapterPlugins.Discover(options, builder.Environment.ContentRootPath))
        {
            plugin.Register(builder.Services, builder.Configuration);
        }

        builder.Services.AddSingleton<AdapterRegistry>();
        builder.Services.AddSingleton<ApiBaseUrlPolicy>();
        return builder;
    }
}
