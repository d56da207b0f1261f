namespace Broker.Retraction;

public static class RetractionExtensions
{
    /// <summary>Retraction, correction and the worker that removes retracted posts.</summary>
    public static IHostApplicationBuilder AddBrokerRetraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetractionOptions>().BindConfiguration(RetractionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RemovalWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RemovalWorker>());
        builder.Services.AddSingleton<RetractionService>();
        builder.Services.AddSingleton<CorrectionService>();
        return builder;
    }
}
