using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Broker.Bench.Rendering;

/// <summary>
/// Stands in for Kestrel where the broker's <see cref="Hosting.PublicUrls"/> wants a server: with
/// <c>Broker:PublicBaseUrl</c> set it never asks the server for its address.
/// </summary>
internal sealed class NoServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => throw new NotSupportedException();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
