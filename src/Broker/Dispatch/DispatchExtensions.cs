using Broker.Api;
using Broker.Dispatch.CircuitBreaker;
using Broker.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Dispatch;

public static class DispatchExtensions
{
    /// <summary>
    /// Dispatch: the dispatcher and its holds, account turns and circuit breakers, the items kept in step with their
    /// deliveries, the publishing sweep. The intent journal is the storage provider's (<c>AddBrokerStorage</c>, or the
    /// cluster's claim rows).
    /// </summary>
    public static IHostApplicationBuilder AddBrokerDispatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DeliveryOptions, DeliveryOptionsValidator>(DeliveryOptions.Section);
        builder.Services.AddSingleton<UserTimes>(); // the past-time grace for every time a person gives is a delivery option
        builder.Services.AddSingleton<ItemProgress>();
        builder.Services.AddSingleton<ItemProgressQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ItemProgressQueue>());
        builder.Services.AddSingleton<AccountHolds>();
        builder.Services.TryAddSingleton<IAccountTurns, LocalAccountTurns>(); // unless the cluster's
        builder.Services.AddSingleton<DeliveryOperations>();
        builder.Services.AddSingleton<DeliveryVisibility>();
        builder.Services.AddAccountCircuitBreakers();
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddSingleton<PublishingSweep>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PublishingSweep>());
        builder.Services.AddHealthChecks().AddCheck<PublishingHealthCheck>("publishing");
        return builder;
    }
}
