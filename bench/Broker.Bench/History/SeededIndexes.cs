using Broker.Accounts.Connect;
using Broker.Events;
using Broker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.Bench.History;

/// <summary>
/// Each store makes its indexes when it is first resolved, as the broker's start resolves them all. The seeding resolves
/// every one first, so the cached file is what a broker that ran all year leaves: the archive step then finds each item's
/// deliveries by the item index, and a measured start builds no index. Before this, each run's copy built the audit
/// trail's indexes over every entry at start and counted it as start-up (8.3 s of CPU at scale 0.1 against 4.0 s once
/// built and 3.8 s empty).
/// </summary>
internal static class SeededIndexes
{
    private static readonly Type[] Stores =
    [
        typeof(IAccountConnectionStore), typeof(IAccountStore), typeof(IAmplificationStore), typeof(IArchiveStore), typeof(IAsnImportStore),
        typeof(IAsnStore), typeof(IAuditLog), typeof(IClickStore), typeof(IDailyFigureStore), typeof(IDeliveryStore), typeof(IElectionPeriodStore),
        typeof(IEngagementStore), typeof(IEventOutbox), typeof(IFeedSubscriptionStore), typeof(IItemRevisionStore), typeof(IItemStore),
        typeof(IMediaStore), typeof(INotificationPreferenceStore), typeof(INotificationStore), typeof(IOpdStore), typeof(IShareLinkStore),
        typeof(ISignInLinkStore), typeof(IStateChanges), typeof(ISuspensionStore), typeof(IUserStore), typeof(IWebhookStore),
    ];

    public static void Make(IServiceProvider stores)
    {
        foreach (var store in Stores)
        {
            _ = stores.GetRequiredService(store);
        }
    }

    /// <summary>Makes the indexes a cache seeded before this lacks, in place (once; then every store finds its own).</summary>
    public static TimeSpan Make(string database)
    {
        var started = Infrastructure.Clock.Timestamp;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = database });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddBrokerStorage();
        using (var host = builder.Build())
        {
            Make(host.Services);
        }

        return Infrastructure.Clock.Since(started);
    }
}
