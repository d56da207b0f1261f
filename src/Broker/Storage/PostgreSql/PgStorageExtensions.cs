using Broker.Accounts.Connect;
using Broker.Events;

namespace Broker.Storage.PostgreSql;

public static class PgStorageExtensions
{
    /// <summary>The shared store: every store on one PostgreSQL database, its schema migrated at first use.</summary>
    public static IHostApplicationBuilder AddPostgreSqlStores(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PgDatabase>();
        builder.Services.AddSingleton<IOpdStore, PgOpdStore>();
        builder.Services.AddSingleton<IAccountStore, PgAccountStore>();
        builder.Services.AddSingleton<IItemStore, PgItemStore>();
        builder.Services.AddSingleton<IItemRevisionStore, PgItemRevisionStore>();
        builder.Services.AddSingleton<IDeliveryStore, PgDeliveryStore>();
        builder.Services.AddSingleton<IArchiveStore, PgArchiveStore>();
        builder.Services.AddSingleton<IDailyFigureStore, PgDailyFigureStore>();
        builder.Services.AddSingleton<IClickFigureStore, PgClickFigureStore>();
        builder.Services.AddSingleton<IStateChanges, PgStateChanges>();
        builder.Services.AddSingleton<IAuditLog, PgAuditLog>();
        builder.Services.AddSingleton<IEventOutbox, PgEventOutbox>();
        builder.Services.AddSingleton<IWebhookStore, PgWebhookStore>();
        builder.Services.AddSingleton<IUserStore, PgUserStore>();
        builder.Services.AddSingleton<ISignInLinkStore, PgSignInLinkStore>();
        builder.Services.AddSingleton<IAmplificationStore, PgAmplificationStore>();
        builder.Services.AddSingleton<IInstallationSecrets, PgInstallationSecrets>();
        builder.Services.AddSingleton<IShareLinkStore, PgShareLinkStore>();
        builder.Services.AddSingleton<IClickStore, PgClickStore>();
        builder.Services.AddSingleton<IAsnStore, PgAsnStore>();
        builder.Services.AddSingleton<IAsnImportStore, PgAsnImportStore>();
        builder.Services.AddSingleton<IFeedSubscriptionStore, PgFeedSubscriptionStore>();
        builder.Services.AddSingleton<ISuspensionStore, PgSuspensionStore>();
        builder.Services.AddSingleton<IEngagementStore, PgEngagementStore>();
        builder.Services.AddSingleton<IElectionPeriodStore, PgElectionPeriodStore>();
        builder.Services.AddSingleton<INotificationStore, PgNotificationStore>();
        builder.Services.AddSingleton<INotificationPreferenceStore, PgNotificationPreferenceStore>();
        builder.Services.AddSingleton<IAccountConnectionStore, PgAccountConnectionStore>();
        if (string.IsNullOrWhiteSpace(builder.Configuration[StorageOptions.Section + ":" + nameof(StorageOptions.MediaPath)]))
        {
            builder.Services.AddSingleton<IMediaStore, PgMediaStore>();
        }
        else
        {
            builder.Services.AddSingleton<IMediaStore, PgFolderMediaStore>();
        }

        builder.Services.AddSingleton<IStorageProbe, PgStorageProbe>();
        return builder;
    }
}
