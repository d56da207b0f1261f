using System.Threading.Channels;
using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Events;

/// <summary>
/// One consumer's loop of the <see cref="OutboxDispatcher"/>: woken by a commit that raised events (or by the
/// <see cref="EventsOptions.PollInterval"/> tick), it hands the events after the consumer's cursor to it, a batch at a
/// time, and saves the cursor after the batch. A consumer that throws is retried from the failed event after a doubling
/// delay (the cursor is saved first), while the other consumers' loops go on.
/// </summary>
internal sealed partial class ConsumerDispatch(
    IEventConsumer consumer,
    IEventOutbox outbox,
    OutboxSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<ConsumerDispatch> logger) : WokenSweep(time, logger)
{
    /// <summary>Quick looks after a wake-up that found nothing: 50 ms doubling to 250 ms, about 5 s in all.</summary>
    private const int SettleLooks = 22;

    private readonly ChannelReader<bool> wake = signal.Listen();
    private int failures;
    private int settling;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Purpose => $"Dispatching events to {consumer.Name}";

    protected override bool RunsAtStart => true;

    /// <summary>
    /// On PostgreSQL a commit becomes readable only once every transaction that began writing before it has ended: a
    /// wake-up that found nothing is followed by quick looks.
    /// </summary>
    protected override TimeSpan? LookAgainIn => settling > 0 ? TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(SettleLooks - settling, 3), 250)) : null;

    protected override async Task WaitForWakeAsync(CancellationToken cancellationToken)
    {
        await wake.WaitToReadAsync(cancellationToken);
        wake.TryRead(out _);
        settling = SettleLooks;
    }

    protected override async Task<bool> RunBatchAsync(CancellationToken cancellationToken)
    {
        int handled;
        bool more;
        try
        {
            (handled, more) = await PassAsync(cancellationToken);
            failures = 0;
        }
#pragma warning disable CA1031 // a consumer's failure is retried from the failed event: it must not end the loop
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            failures++;
            var delay = RetryDelay(failures);
            Log.ConsumerFailed(Logger, ex, consumer.Name, failures, delay);
            await Task.Delay(delay, Time, cancellationToken);
            return true;
        }

        settling = handled > 0 || more ? 0 : Math.Max(settling - 1, 0);
        return more;
    }

    /// <summary>One batch: how many events were handled, and whether there may be more to read at once.</summary>
    private async Task<(int Handled, bool More)> PassAsync(CancellationToken cancellationToken)
    {
        if (!await outbox.TryLeadAsync(cancellationToken))
        {
            return (0, false);
        }

        var cursor = await outbox.CursorAsync(consumer.Name, cancellationToken);
        var batch = await outbox.ReadAfterAsync(cursor, options.Value.BatchSize, cancellationToken);
        var handled = cursor;
        try
        {
            foreach (var entry in batch)
            {
                await consumer.HandleAsync(entry.Event, cancellationToken);
                handled = entry.Position;
            }
        }
        finally
        {
            if (handled != cursor)
            {
                await outbox.AcknowledgeAsync(consumer.Name, handled, CancellationToken.None);
            }
        }

        return (batch.Count, batch.Count == options.Value.BatchSize);
    }

    private TimeSpan RetryDelay(int failuresInARow)
    {
        var doubled = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(failuresInARow - 1, 20));
        return doubled < options.Value.MaxRetryDelay ? doubled : options.Value.MaxRetryDelay;
    }

    private static partial class Log
    {
        [LoggerMessage(8001, LogLevel.Warning, "Event consumer {Consumer} failed ({Failures} in a row); it resumes from the failed event in {Delay}")]
        public static partial void ConsumerFailed(ILogger logger, Exception exception, string consumer, int failures, TimeSpan delay);
    }
}
