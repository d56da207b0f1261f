using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>
/// Every <c>Feeds:SweepInterval</c> (on <see cref="TimeProvider"/>), reads the subscriptions that are due. Each is first
/// claimed by pushing its next read forward over its version, so two nodes do not read one feed at the same moment (and
/// if they did, the items' keys would still let one item stand per entry). One feed's failure never stops the others.
/// </summary>
public sealed partial class FeedPollingService(
    IServiceProvider services, TimeProvider time, IOptions<FeedsOptions> options, ILogger<FeedPollingService> logger) : PeriodicSweep(time, logger)
{
    private const int Batch = 20;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Purpose => "The sweep of due feed subscriptions";

    protected override bool RunsAtStart => true;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<Storage.IFeedSubscriptionStore>();
        var poller = services.GetRequiredService<FeedPoller>();
        var now = Time.GetUtcNow();
        foreach (var subscription in await store.ListDueAsync(now, Batch, cancellationToken))
        {
            subscription.NextPollAt = now + (options.Value.RequestTimeout * 4);
            if (!await store.UpdateAsync(subscription, cancellationToken))
            {
                continue; // another node took it
            }

            try
            {
                await poller.PollAsync(subscription, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PollFailed(logger, ex, subscription.Id);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9111, Level = LogLevel.Error, Message = "Reading feed subscription {SubscriptionId} failed unexpectedly")]
        public static partial void PollFailed(ILogger logger, Exception exception, string subscriptionId);
    }
}
