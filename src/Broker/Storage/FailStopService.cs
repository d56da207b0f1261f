namespace Broker.Storage;

/// <summary>Stops the application when an fsync fails (<see cref="FailStop"/>), after saying so at the critical level.</summary>
internal sealed partial class FailStopService(FailStop failStop, IHostApplicationLifetime lifetime, ILogger<FailStopService> logger) : IHostedService
{
    private CancellationTokenRegistration registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Off the thread that met the failure: that may be the group commit's, which stopping waits for.
        registration = failStop.Tripped.Register(() => ThreadPool.QueueUserWorkItem(_ => Stop()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => registration.DisposeAsync().AsTask();

    private void Stop()
    {
        if (failStop.First is var (file, cause))
        {
            Log.Stopping(logger, file, cause);
        }

        lifetime.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Critical,
            Message = "Forcing {File} to disk (fsync) failed: the broker refuses every write and stops, so that its restart recovers from what is really on disk")]
        public static partial void Stopping(ILogger logger, string file, Exception exception);
    }
}
