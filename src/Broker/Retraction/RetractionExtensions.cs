using Broker.Hosting;
namespace Broker.Retraction;

public static class RetractionExtensions
{
    /// <summary>Retraction, correction (a reviewed new item, or an edit in place), and the workers that remove and rewrite posts.</summary>
    public static IHostApplicationBuilder AddBrokerRetraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RetractionOptions, RetractionOptionsValidator>(RetractionOptions.Section);
        builder.Services.AddSingleton<DeliveryChannels>();
        builder.Services.AddSingleton<RemovalWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RemovalWorker>());
        builder.Services.AddSingleton<RetractionService>();
        builder.Services.AddSingleton<CorrectionService>();
        builder.Services.AddSingleton<PostEditSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PostEditSweep>());
        builder.Services.AddSingleton<InPlaceEdits>();
        return builder;
    }
}
