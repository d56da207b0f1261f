using Broker.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Tests.Hosting;

public sealed class SweepTimerTests
{
    [Fact]
    public async Task A_clock_moved_many_intervals_ahead_gives_one_tick_and_the_next_comes_one_interval_after_it_was_taken()
    {
        var clock = new FakeTimeProvider();
        using var timer = new SweepTimer(TimeSpan.FromMinutes(1), clock);

        clock.Advance(TimeSpan.FromDays(47));

        Assert.True(await timer.WaitForNextTickAsync());
        var next = timer.WaitForNextTickAsync().AsTask();
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_tick_that_comes_while_nobody_waits_is_kept_for_the_next_wait()
    {
        var clock = new FakeTimeProvider();
        using var timer = new SweepTimer(TimeSpan.FromSeconds(5), clock);
        using (var cancelled = new CancellationTokenSource())
        {
            var abandoned = timer.WaitForNextTickAsync(cancelled.Token).AsTask();
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        clock.Advance(TimeSpan.FromSeconds(5));

        var kept = timer.WaitForNextTickAsync().AsTask();
        Assert.True(kept.IsCompleted);
        Assert.True(await kept);
    }

    [Fact]
    public async Task A_wait_ends_with_false_when_the_timer_is_disposed()
    {
        var timer = new SweepTimer(TimeSpan.FromSeconds(5), new FakeTimeProvider());
        var waiting = timer.WaitForNextTickAsync().AsTask();

        timer.Dispose();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
