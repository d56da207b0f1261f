using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Events;

/// <summary>
/// Keeps the outbox from growing without end: every <see cref="Every"/> it deletes the events older than
/// <see cref="EventsOptions.Retention"/> that every consumer's cursor has passed, in batches of <see cref="BatchSize"/>
/// (one short commit each, so writers are never held long). A consumer that is behind holds back the events it has not
/// seen; a consumer without a cursor yet holds back all of them. Nodes pruning at once delete disjoint or already deleted
/// rows: harmless.
/// </summary>
internal sealed partial class OutboxPruning(
    IEventOutbox outbox,
    IEnumerable<IEventConsumer> consumers,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<OutboxPruning> logger) : PeriodicSweep(time, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    public const int BatchSize = 1000;

    protected override TimeSpan Interval => Every;

    protected override string Purpose => "The pruning of the event outbox";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => PruneAsync(cancellationToken);

    /// <summary>Deletes every event old enough that all consumers have passed; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        if (await PassedByAllAsync(cancellationToken) is not { } through)
        {
            return 0;
        }

        var before = Time.GetUtcNow() - options.Value.Retention;
        var pruned = 0;
        int deleted;
        do
        {
            deleted = await outbox.PruneAsync(through, before, BatchSize, cancellationToken);
            pruned += deleted;
        }
        while (deleted == BatchSize);

        if (pruned > 0)
        {
            Log.Pruned(Logger, pruned, before);
        }

        return pruned;
    }

    // The earliest of the consumers' cursors; null when one has acknowledged nothing yet.
    private async Task<OutboxPosition?> PassedByAllAsync(CancellationToken cancellationToken)
    {
        OutboxPosition? earliest = null;
        foreach (var consumer in consumers)
        {
            var cursor = await outbox.CursorAsync(consumer.Name, cancellationToken);
            if (cursor == OutboxPosition.Start)
            {
                return null;
            }

            earliest = earliest is { } e && cursor.IsAfter(e) ? e : cursor;
        }

        return earliest;
    }

    private static partial class Log
    {
        [LoggerMessage(8011, LogLevel.Information, "Pruned {Count} events that occurred before {Before} from the outbox")]
        public static partial void Pruned(ILogger logger, int count, DateTimeOffset before);
    }
}
