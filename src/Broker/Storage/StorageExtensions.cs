using Broker.Storage.LiteDb;

namespace Broker.Storage;

public static class StorageExtensions
{
    /// <summary>The embedded store: one LiteDB file, a store per aggregate, a checkpoint timer, a stop on a failed fsync.</summary>
    public static IHostApplicationBuilder AddBrokerStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FailStop>();
        builder.Services.AddHostedService<FailStopService>();
        builder.Services.AddHealthChecks().AddCheck<FailStopHealthCheck>("durability");
        builder.Services.AddExceptionHandler<FailStopExceptionHandler>();
        builder.Services.AddSingleton<BrokerDatabase>();
        builder.Services.AddSingleton<IOpdStore, LiteDbOpdStore>();
        builder.Services.AddSingleton<IAccountStore, LiteDbAccountStore>();
        builder.Services.AddSingleton<IItemStore, LiteDbItemStore>();
        builder.Services.AddSingleton<IDeliveryStore, LiteDbDeliveryStore>();
        builder.Services.AddSingleton<IStateChanges, LiteDbStateChanges>();
        builder.Services.AddSingleton<IMediaStore, LiteDbMediaStore>();
        builder.Services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        builder.Services.AddSingleton<IUserStore, LiteDbUserStore>();
        builder.Services.AddSingleton<IAsnStore, LiteDbAsnStore>();
        builder.Services.AddSingleton<IAmplificationStore, LiteDbAmplificationStore>();
        builder.Services.AddSingleton<IShareLinkStore, LiteDbShareLinkStore>();
        builder.Services.AddSingleton<IClickStore, LiteDbClickStore>();
        builder.Services.AddSingleton<IInstallationSecrets, LiteDbInstallationSecrets>();
        builder.Services.AddSingleton<IStorageProbe, LiteDbStorageProbe>();
        builder.Services.AddHostedService<CheckpointService>();
        return builder;
    }
}
