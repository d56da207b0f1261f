#if !ON_POSTGRESQL // no storage in it: one run is enough
using System.Threading.Channels;
using Broker.Hosting;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Tests.Hosting;

/// <summary>The one loop of every periodic task: rounds on the injected clock, and a failed round is not the last.</summary>
public sealed class PeriodicSweepTests
{
    [Fact]
    public async Task A_round_runs_at_each_tick_of_the_clock_and_one_that_throws_is_logged_and_not_the_last()
    {
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        using var sweep = new CountingSweep(clock, logs.CreateLogger("sweep"), runsAtStart: false, failFirst: true);
        await sweep.StartAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweep.Rounds.ReadAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await sweep.Rounds.ReadAsync());
        await sweep.StopAsync(CancellationToken.None);

        Assert.Contains(logs.Lines, l => l.StartsWith("Error sweep: The counting sweep failed; it runs again at the next tick", StringComparison.Ordinal) && l.Contains("first round fails", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_runs_at_start_has_its_first_round_before_any_tick_and_none_after_it_stops()
    {
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        using var sweep = new CountingSweep(clock, logs.CreateLogger("sweep"), runsAtStart: true, failFirst: false);
        await sweep.StartAsync(CancellationToken.None);

        Assert.Equal(1, await sweep.Rounds.ReadAsync());
        await sweep.StopAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(sweep.Rounds.TryRead(out _));
        Assert.Empty(logs.Lines);
    }

    private sealed class CountingSweep(TimeProvider time, ILogger logger, bool runsAtStart, bool failFirst) : PeriodicSweep(time, logger)
    {
        private readonly Channel<int> rounds = Channel.CreateUnbounded<int>();
        private int count;

        public ChannelReader<int> Rounds => rounds.Reader;

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        protected override string Purpose => "The counting sweep";

        protected override bool RunsAtStart => runsAtStart;

        protected override Task RunRoundAsync(CancellationToken cancellationToken)
        {
            var round = Interlocked.Increment(ref count);
            rounds.Writer.TryWrite(round);
            return failFirst && round == 1 ? throw new IOException("first round fails") : Task.CompletedTask;
        }
    }
}
#endif
