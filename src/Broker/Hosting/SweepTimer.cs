namespace Broker.Hosting;

/// <summary>
/// The timer of a <see cref="PeriodicSweep"/>: one tick an <see cref="Interval"/> after the previous tick was taken,
/// on the injected <see cref="TimeProvider"/>. Unlike <see cref="PeriodicTimer"/>, which fires once for every period
/// that passes, it is armed once at a time, so a clock moved months ahead (a test's fake one, or a host woken from a
/// suspend) gives one tick, not one per minute of the months: the sweeps look at what is due, so one round is all a long
/// gap needs. A tick that comes while nobody waits is kept until the next wait, as with <see cref="PeriodicTimer"/>.
/// </summary>
public sealed class SweepTimer : IDisposable
{
    private readonly Lock gate = new();
    private readonly ITimer timer;
    private bool ticked;
    private TaskCompletionSource<bool>? waiter;

    public SweepTimer(TimeSpan interval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        timer = time.CreateTimer(_ => Tick(), null, interval, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Interval { get; }

    /// <summary>Completes with true at the next tick (at once when one came since the last wait), false once disposed.</summary>
    public async ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<bool> waiting;
        lock (gate)
        {
            if (ticked)
            {
                ticked = false;
                Rearm();
                return true;
            }

            waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = waiter;
        }

        var result = await waiting.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            ticked = false;
            if (result)
            {
                Rearm();
            }
        }

        return result;
    }

    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            waiter?.TrySetResult(false);
            waiter = null;
        }
    }

    private void Tick()
    {
        lock (gate)
        {
            ticked = true; // taken by the next wait (or the one waiting now), which arms the timer again
            waiter?.TrySetResult(true);
            waiter = null;
        }
    }

    private void Rearm() => timer.Change(Interval, Timeout.InfiniteTimeSpan);
}
