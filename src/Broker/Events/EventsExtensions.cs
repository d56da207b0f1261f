using Broker.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Events;

public static class EventsExtensions
{
    /// <summary>The outbox dispatcher, its pruning and the deadline check. Consumers plug in with <see cref="AddEventConsumer{T}"/>.</summary>
    public static IHostApplicationBuilder AddBrokerEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EventsOptions, EventsOptionsValidator>(EventsOptions.Section);
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddSingleton<OutboxPruning>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxPruning>());
        builder.Services.AddSingleton<DeadlineWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
        return builder;
    }

    /// <summary>Registers a consumer the dispatcher hands every event to; its <see cref="IEventConsumer.Name"/> keys its cursor.</summary>
    public static IServiceCollection AddEventConsumer<T>(this IServiceCollection services)
        where T : class, IEventConsumer
    {
        services.AddSingleton<T>();
        services.AddSingleton<IEventConsumer>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
