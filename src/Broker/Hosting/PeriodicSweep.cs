namespace Broker.Hosting;

/// <summary>
/// The loop every periodic background task of the broker shares: a timer on the injected <see cref="TimeProvider"/> (so
/// a test moves a fake clock instead of sleeping; a clock moved far ahead gives one tick, see <see cref="SweepTimer"/>),
/// one round per tick, and a round that fails is logged and tried again at the next tick, so the task outlives one
/// failed read or write. The timer starts with the host: the first round is one <see cref="Interval"/> after start-up,
/// or at once when <see cref="RunsAtStart"/>.
/// </summary>
public abstract partial class PeriodicSweep : BackgroundService
{
    private SweepTimer? timer;

    protected PeriodicSweep(TimeProvider time, ILogger logger)
    {
        Time = time;
        Logger = logger;
    }

    /// <summary>The clock of the timer, for the rounds too.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The derived task's own logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>How long between two rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the round does, as a failure's log names it ("the sweep for claims of dead nodes").</summary>
    protected abstract string Purpose { get; }

    /// <summary>Whether a first round runs as soon as the host has started, before the first tick.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>One round; an exception is logged and the next tick tries again.</summary>
    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Made with the host, not when ExecuteAsync gets a thread: a moved clock right after start-up is not missed.
        timer = new SweepTimer(Interval, Time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (RunsAtStart)
            {
                await RoundAsync(stoppingToken);
            }

            while (await WaitAsync(stoppingToken))
            {
                await RoundAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The timer, for a variant that waits on something besides it (<see cref="WokenSweep"/>).</summary>
    private protected SweepTimer Timer => timer!;

    /// <summary>Waits for the next round: the next tick (a tick that came during a round is kept, so none is missed).</summary>
    private protected virtual ValueTask<bool> WaitAsync(CancellationToken stoppingToken) => timer!.WaitForNextTickAsync(stoppingToken);

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundAsync(stoppingToken);
        }
#pragma warning disable CA1031 // The next tick tries again: one failed read or write (a timeout included) must not end the task.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.RoundFailed(Logger, ex, Purpose);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(9000, LogLevel.Error, "{Purpose} failed; it runs again at the next tick")]
        public static partial void RoundFailed(ILogger logger, Exception exception, string purpose);
    }
}
