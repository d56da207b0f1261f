using Broker.Accounts.Connect;
using Broker.Events;
using Broker.Hosting;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The stores of the configured provider (<c>Storage:Provider</c>): the embedded LiteDB file (the default) or a shared
    /// PostgreSQL database; either way a stop on a failed fsync.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        builder.Services.AddSingleton<FailStop>();
        builder.Services.AddHostedService<FailStopService>();
        builder.Services.AddHealthChecks().AddCheck<FailStopHealthCheck>("durability");
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<ArchiveSweep>();
        builder.Services.AddSingleton<LocalDays>();
        return Provider(builder.Configuration) switch
        {
            StorageProvider.PostgreSql => builder.AddPostgreSqlStores(),
            _ => builder.AddLiteDbStores(),
        };
    }

    /// <summary>The configured provider; a value that names none is a start-up error that lists the valid ones.</summary>
    public static StorageProvider Provider(IConfiguration configuration)
    {
        var configured = configuration[StorageOptions.Section + ":" + nameof(StorageOptions.Provider)];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return StorageProvider.LiteDb;
        }

        return Enum.TryParse<StorageProvider>(configured.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new OptionsValidationException(
                "Storage:Provider",
                typeof(StorageOptions),
                [$"Storage:Provider '{configured}' is not a storage provider; use {string.Join(" or ", Enum.GetNames<StorageProvider>())}."]);
    }

    /// <summary>The embedded store: one LiteDB file, a store per aggregate, a checkpoint timer.</summary>
    private static IHostApplicationBuilder AddLiteDbStores(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BrokerDatabase>();
        builder.Services.AddSingleton<IChangeVersions>(services => services.GetRequiredService<BrokerDatabase>().Versions);
        builder.Services.AddSingleton<IOpdStore, LiteDbOpdStore>();
        builder.Services.AddSingleton<IAccountStore, LiteDbAccountStore>();
        builder.Services.AddSingleton<IItemStore, LiteDbItemStore>();
        builder.Services.AddSingleton<IItemRevisionStore, LiteDbItemRevisionStore>();
        builder.Services.AddSingleton<IDeliveryStore, LiteDbDeliveryStore>();
        builder.Services.AddSingleton<IArchiveStore, LiteDbArchiveStore>();
        builder.Services.AddSingleton<IDailyFigureStore, LiteDbDailyFigureStore>();
        builder.Services.AddSingleton<IClickFigureStore, LiteDbClickFigureStore>();
        builder.Services.AddSingleton<IStateChanges, LiteDbStateChanges>();
        builder.Services.AddSingleton<IMediaStore, LiteDbMediaStore>();
        builder.Services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        builder.Services.AddSingleton<IEventOutbox, LiteDbEventOutbox>();
        builder.Services.AddSingleton<LiteDbWebhookMessages>();
        builder.Services.AddSingleton<IWebhookStore, LiteDbWebhookStore>();
        builder.Services.AddSingleton<IUserStore, LiteDbUserStore>();
        builder.Services.AddSingleton<ISignInLinkStore, LiteDbSignInLinkStore>();
        builder.Services.AddSingleton<IAsnStore, LiteDbAsnStore>();
        builder.Services.AddSingleton<IAsnImportStore, LiteDbAsnImportStore>();
        builder.Services.AddSingleton<IAmplificationStore, LiteDbAmplificationStore>();
        builder.Services.AddSingleton<IShareLinkStore, LiteDbShareLinkStore>();
        builder.Services.AddSingleton<IClickStore, LiteDbClickStore>();
        builder.Services.AddHostedService<ClickBatchUpgrade>();
        builder.Services.AddSingleton<IFeedSubscriptionStore, LiteDbFeedSubscriptionStore>();
        builder.Services.AddSingleton<ISuspensionStore, LiteDbSuspensionStore>();
        builder.Services.AddSingleton<LiteDbMetricsReads>();
        builder.Services.AddSingleton<LiteDbNativePosts>();
        builder.Services.AddSingleton<LiteDbAccountEngagements>();
        builder.Services.AddSingleton<IEngagementStore, LiteDbEngagementStore>();
        builder.Services.AddSingleton<IElectionPeriodStore, LiteDbElectionPeriodStore>();
        builder.Services.AddSingleton<IInstallationSecrets, LiteDbInstallationSecrets>();
        builder.Services.AddSingleton<INotificationStore, LiteDbNotificationStore>();
        builder.Services.AddSingleton<INotificationPreferenceStore, LiteDbNotificationPreferenceStore>();
        builder.Services.AddSingleton<IAccountConnectionStore, LiteDbAccountConnectionStore>();
        builder.Services.AddSingleton<IntentJournal>();
        builder.Services.AddSingleton<IIntentJournal>(services => services.GetRequiredService<IntentJournal>());
        builder.Services.AddSingleton<IIntentRecovery, LiteDbIntentRecovery>();
        builder.Services.AddSingleton<IStorageProbe, LiteDbStorageProbe>();
        builder.Services.AddHostedService<CheckpointService>();
        builder.Services.AddSingleton<LiteDbBackup>();
        return builder;
    }
}
