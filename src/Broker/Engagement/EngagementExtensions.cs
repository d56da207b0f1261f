using Broker.Events;
using Broker.Hosting;

namespace Broker.Engagement;

public static class EngagementExtensions
{
    /// <summary>Reading back published posts' metrics, importing accounts' own posts, and the engagement report.</summary>
    public static IHostApplicationBuilder AddBrokerEngagement(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EngagementOptions, EngagementOptionsValidator>(EngagementOptions.Section);
        builder.Services.AddSingleton<ReadThrottle>();
        builder.Services.AddSingleton<EngagementChannels>();
        builder.Services.AddSingleton<EngagementPauses>();
        builder.Services.AddEventConsumer<EngagementPlanner>();
        builder.Services.AddSingleton<MetricsReader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MetricsReader>());
        builder.Services.AddSingleton<NativePostImporter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NativePostImporter>());
        builder.Services.AddSingleton<EngagementReport>();
        return builder;
    }
}
