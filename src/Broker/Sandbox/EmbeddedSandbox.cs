using Microsoft.Extensions.Options;

namespace Broker.Sandbox;

/// <summary>Runs the platform sandbox inside the broker's process when <c>Sandbox:Enabled</c> is true.</summary>
internal sealed partial class EmbeddedSandbox(IOptions<SandboxSettings> settings, TimeProvider time, ILogger<EmbeddedSandbox> logger) : IHostedService, IAsyncDisposable
{
    private RunningSandbox? running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        running = await SandboxServer.StartAsync(new SandboxOptions { Url = settings.Value.Url, TimeProvider = time, PostsFile = settings.Value.PostsFile }, cancellationToken);
        Log.Started(logger, running.Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.DisposeAsync();
            running = null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(9021, LogLevel.Warning, "The platform sandbox is running at {Address}: posts go to the sandbox, not to the real platforms")]
        public static partial void Started(ILogger logger, string address);
    }
}
