using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when code starts waiting on it, so a test can move time forward exactly when the code under
/// test waits (instead of sleeping).
/// </summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim waits = new(0);
    private readonly ConcurrentQueue<TimeSpan> dueTimes = new();

    /// <summary>How many waits the clock was moved through.</summary>
    public int StepsTaken { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            dueTimes.Enqueue(dueTime);
            waits.Release();
        }

        return timer;
    }

    /// <summary>Runs <paramref name="work"/>, moving the clock through every wait it starts until it completes.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        // A wait left pending after the work completed would swallow the next run's signal: cancel it on the way out.
        using var finished = new CancellationTokenSource();
        var task = work();
        try
        {
            while (true)
            {
                var wait = waits.WaitAsync(finished.Token);
                if (await Task.WhenAny(task, wait) == task)
                {
                    return await task;
                }

                if (dueTimes.TryDequeue(out var due))
                {
                    Advance(due);
                    StepsTaken++;
                }
            }
        }
        finally
        {
            await finished.CancelAsync();
        }
    }
}
