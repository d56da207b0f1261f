using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Broker.Events;

/// <summary>
/// Hands the outbox's events to every <see cref="IEventConsumer"/>, each in its own loop with its own durable cursor: at
/// least once, in outbox order (so in order per object). A consumer that throws is retried from the failed event with a
/// doubling delay while the others go on (as Serilog's SafeAggregateSink keeps one broken sink from the rest), and
/// publishing never waits on any of it: events are only read here. The cursor is saved after each batch and before each
/// retry, so after a crash a consumer sees again at most the events after its last acknowledgement.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IEventOutbox outbox,
    IEnumerable<IEventConsumer> consumers,
    OutboxSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int SettleLooks = 22;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(consumers.Select(c => Task.Run(() => RunAsync(c, signal.Listen(), stoppingToken), stoppingToken)));

    private async Task RunAsync(IEventConsumer consumer, ChannelReader<bool> wake, CancellationToken stoppingToken)
    {
        var failures = 0;
        var settling = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (handled, more) = await PassAsync(consumer, stoppingToken);
                failures = 0;
                settling = handled > 0 ? 0 : settling;
                if (!more)
                {
                    settling = await WaitForWakeAsync(wake, settling, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = RetryDelay(failures);
                Log.ConsumerFailed(logger, ex, consumer.Name, failures, delay);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One batch for <paramref name="consumer"/>: how many it handled, and whether there may be more to read at once.</summary>
    private async Task<(int Handled, bool More)> PassAsync(IEventConsumer consumer, CancellationToken cancellationToken)
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

    /// <summary>
    /// Waits for a commit's wake-up or the slow poll. A wake-up that then found nothing is followed by quick looks (50 ms,
    /// doubling to 250 ms, about 5 s in all): on PostgreSQL a commit becomes readable only once every transaction that
    /// began writing before it has ended. Returns how many quick looks are left to take.
    /// </summary>
    private async Task<int> WaitForWakeAsync(ChannelReader<bool> wake, int settling, CancellationToken stoppingToken)
    {
        var quick = settling > 0 ? TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(SettleLooks - settling, 3), 250)) : options.Value.PollInterval;
        using var poll = new CancellationTokenSource(quick < options.Value.PollInterval ? quick : options.Value.PollInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
        try
        {
            await wake.WaitToReadAsync(either.Token);
            wake.TryRead(out _);
            return SettleLooks;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Math.Max(settling - 1, 0); // a quick look's turn, or the slow poll's
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var first = options.Value.FirstRetryDelay;
        var doubled = first * Math.Pow(2, Math.Min(failures - 1, 20));
        return doubled < options.Value.MaxRetryDelay ? doubled : options.Value.MaxRetryDelay;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Event consumer {Consumer} failed ({Failures} in a row); it resumes from the failed event in {Delay}")]
        public static partial void ConsumerFailed(ILogger logger, Exception exception, string consumer, int failures, TimeSpan delay);
    }
}
