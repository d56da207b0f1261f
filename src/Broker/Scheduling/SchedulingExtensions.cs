using Broker.Dispatch;
using Quartz;

namespace Broker.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz with the in-memory store (LiteDB is the source of truth), one durable publish job, recovery at start, and
    /// the feed that moves the scheduling window.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var concurrency = builder.Configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>()?.MaxConcurrency
            ?? new DeliveryOptions().MaxConcurrency;
        builder.Services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(concurrency);
            q.AddJob<PublishDeliveryJob>(j => j.WithIdentity(PublishDeliveryJob.Key).StoreDurably());
        });
        builder.Services.AddSingleton<QuartzDeliveryScheduler>();
        builder.Services.AddSingleton<IDeliveryScheduler>(sp => sp.GetRequiredService<QuartzDeliveryScheduler>());
        builder.Services.AddHostedService<DeliveryRecovery>();
        builder.Services.AddHostedService<DeliveryFeeder>();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
