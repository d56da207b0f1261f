namespace Broker.Rendering;

/// <summary>Parses every template when the broker starts: a broken template stops the start, naming file, line and column.</summary>
internal sealed class TemplateLoader(TemplateCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Load();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
