#if !ON_POSTGRESQL // no storage in it: one run is enough
using System.Threading.Channels;
using Broker.Hosting;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Tests.Hosting;

/// <summary>
/// The loop of the tasks a signal wakes (notifications, webhooks, the outbox's consumers, removals). The flake it ends:
/// the hand-made loops made their poll's delay after each round, on the injected clock, so a fake clock moved while a
/// round ran (a test's "advance to the morning") was never seen and the task slept for good.
/// </summary>
public sealed class WokenSweepTests
{
    [Fact]
    public async Task A_clock_moved_while_a_round_runs_is_not_missed()
    {
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        using var sweep = new GatedSweep(clock, logs.CreateLogger("sweep"));
        await sweep.StartAsync(CancellationToken.None);
        Assert.Equal(1, await sweep.Rounds.ReadAsync()); // the first round, at start, now held at its gate

        clock.Advance(TimeSpan.FromMinutes(1)); // the tick comes while the round still runs
        sweep.Gate.Release();

        Assert.Equal(2, await sweep.Rounds.ReadAsync());
        sweep.Gate.Release();
        await sweep.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_wake_up_runs_a_round_at_once_and_a_full_batch_runs_the_next_at_once_too()
    {
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        using var sweep = new GatedSweep(clock, logs.CreateLogger("sweep"));
        await sweep.StartAsync(CancellationToken.None);
        Assert.Equal(1, await sweep.Rounds.ReadAsync());
        sweep.Gate.Release();

        sweep.Wake.Release();
        Assert.Equal(2, await sweep.Rounds.ReadAsync());
        sweep.Gate.Release();
        Assert.Equal(3, await sweep.Rounds.ReadAsync()); // the batch was full: no tick, no wake-up needed
        sweep.Gate.Release();
        await sweep.StopAsync(CancellationToken.None);

        Assert.False(sweep.Rounds.TryRead(out _));
        Assert.Empty(logs.Lines);
    }

    private sealed class GatedSweep(TimeProvider time, ILogger logger) : WokenSweep(time, logger)
    {
        private readonly Channel<int> rounds = Channel.CreateUnbounded<int>();
        private int count;

        public SemaphoreSlim Gate { get; } = new(0);

        public SemaphoreSlim Wake { get; } = new(0);

        public ChannelReader<int> Rounds => rounds.Reader;

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        protected override string Purpose => "The gated sweep";

        protected override bool RunsAtStart => true;

        protected override Task WaitForWakeAsync(CancellationToken cancellationToken) => Wake.WaitAsync(cancellationToken);

        protected override async Task<bool> RunBatchAsync(CancellationToken cancellationToken)
        {
            var round = Interlocked.Increment(ref count);
            rounds.Writer.TryWrite(round);
            await Gate.WaitAsync(cancellationToken);
            return round == 2; // the second round's batch is full
        }
    }
}
#endif
