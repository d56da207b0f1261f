namespace Broker.Hosting;

/// <summary>
/// A <see cref="PeriodicSweep"/> that a signal wakes too: a round runs at the next tick or as soon as
/// <see cref="WaitForWakeAsync"/> completes (a commit queued work), and at once again while a round reports that more
/// is ready (<see cref="RunBatchAsync"/>). The timer is the safety net for a missed wake-up; a tick that comes during a
/// round is kept, so a clock moved meanwhile (a test's fake one) is never missed.
/// </summary>
public abstract class WokenSweep : PeriodicSweep
{
    private Task<bool>? tick;
    private bool more;

    protected WokenSweep(TimeProvider time, ILogger logger)
        : base(time, logger)
    {
    }

    /// <summary>Completes when the signal fires (and takes the wake-up); cancelled when the tick came first.</summary>
    protected abstract Task WaitForWakeAsync(CancellationToken cancellationToken);

    /// <summary>One batch of work; true when more is ready at once (the batch was full).</summary>
    protected abstract Task<bool> RunBatchAsync(CancellationToken cancellationToken);

    /// <summary>Read after each round: a quick look this soon, before the next tick, unless a wake-up comes first (null: none).</summary>
    protected virtual TimeSpan? LookAgainIn => null;

    protected sealed override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        more = false;
        more = await RunBatchAsync(cancellationToken);
    }

    private protected sealed override async ValueTask<bool> WaitAsync(CancellationToken stoppingToken)
    {
        if (more)
        {
            more = false;
            return true;
        }

        tick ??= Timer.WaitForNextTickAsync(stoppingToken).AsTask();
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = WaitForWakeAsync(waiting.Token);
        Task[] ends = LookAgainIn is { } soon ? [tick, woken, Task.Delay(soon, Time, waiting.Token)] : [tick, woken];
        var first = await Task.WhenAny(ends);
        await waiting.CancelAsync();
        try
        {
            await Task.WhenAll(ends.Skip(1));
        }
        catch (OperationCanceledException)
        {
            // the tick came first, or the host stops
        }

        stoppingToken.ThrowIfCancellationRequested();
        if (first == tick)
        {
            var ticking = await tick;
            tick = null;
            return ticking;
        }

        return true;
    }
}
