using Broker.Access;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>
/// Says once, when the broker has started listening, where to open the pages and how to sign in: the one line a
/// newcomer looks for in the console.
/// </summary>
internal sealed partial class StartBanner(
    IHostApplicationLifetime lifetime, PublicUrls urls, IConfiguration configuration, IOptions<StorageOptions> storage, ILogger<StartBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var signIn = urls.For("masuk");
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath))!, FirstEditor.TokenFileName);
        if (!string.IsNullOrWhiteSpace(configuration[FirstEditor.Variable]))
        {
            LogReadyWithVariable(logger, signIn, FirstEditor.Variable);
        }
        else
        {
            LogReady(logger, signIn, file);
        }
    }

    [LoggerMessage(EventId = 9011, Level = LogLevel.Information, Message = "Broker is ready: open {SignIn} in a browser and paste an editor's token. The first editor's token is the value of {Variable}.")]
    private static partial void LogReadyWithVariable(ILogger logger, Uri signIn, string variable);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Information, Message = "Broker is ready: open {SignIn} in a browser and paste an editor's token. On the first start the first editor's token was written to {File}.")]
    private static partial void LogReady(ILogger logger, Uri signIn, string file);
}
