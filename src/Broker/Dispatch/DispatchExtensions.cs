using Broker.Accounts;
using Broker.Api;
using Broker.Audit;
using Broker.Hosting;
using Broker.Intake;
using Broker.Review;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Dispatch;

public static class DispatchExtensions
{
    /// <summary>The pipeline's services: intake, review, dispatch, holds, audit, credentials at rest.</summary>
    public static IHostApplicationBuilder AddBrokerPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DeliveryOptions, DeliveryOptionsValidator>(DeliveryOptions.Section);
        builder.Services.AddValidatedOptions<CircuitBreakerOptions, CircuitBreakerOptionsValidator>(CircuitBreakerOptions.Section);
        builder.Services.AddSingleton<Auditor>();
        builder.Services.AddSingleton<UserTimes>();
        builder.Services.AddSingleton<CredentialProtector>();
        builder.Services.AddSingleton<MediaFiles>();
        builder.Services.AddSingleton<ItemIntake>();
        builder.Services.AddSingleton<PhotoDecoding>();
        builder.Services.AddSingleton<PhotoIntake>();
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<ItemProgress>();
        builder.Services.AddSingleton<ItemProgressQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ItemProgressQueue>()); // stops after the scheduler
        builder.Services.AddSingleton<AccountHolds>();
        builder.Services.TryAddSingleton<IAccountTurns, LocalAccountTurns>(); // unless the cluster's
        builder.Services.AddSingleton<DeliveryOperations>();
        builder.Services.AddSingleton<AccountCircuitBreakers>();
        builder.Services.AddSingleton<CircuitGate>();
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddSingleton<IntentJournal>();
        builder.Services.TryAddSingleton<IIntentJournal>(services => services.GetRequiredService<IntentJournal>()); // unless the cluster's
        builder.Services.AddSingleton<PublishingSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PublishingSweep>());
        builder.Services.AddHealthChecks().AddCheck<PublishingHealthCheck>("publishing");
        return builder;
    }
}
