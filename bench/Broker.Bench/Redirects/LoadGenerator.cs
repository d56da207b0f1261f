using Broker.Bench.Infrastructure;

namespace Broker.Bench.Redirects;

/// <summary>
/// An HTTP load generator for loopback servers: <c>connections</c> keep-alive connections, each sending GETs back to back
/// over many distinct paths (so a server's caches see many keys), for a fixed time. Reports requests per second and the
/// latency distribution. It refuses any address outside the loopback range.
/// </summary>
internal sealed class LoadGenerator(Uri server, int connections, IReadOnlyList<string> paths)
{
    public async Task<LoadResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!server.IsLoopback)
        {
            throw new ArgumentException("The load generator only targets loopback addresses.", nameof(server));
        }

        var loops = Enumerable.Range(0, connections)
            .Select(c => new HttpConnectionLoop(server.Host, server.Port, paths, c, connections))
            .ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Clock.Timestamp;
        stop.CancelAfter(duration);
        await Task.WhenAll(loops.Select(l => Task.Run(() => l.RunAsync(stop.Token), CancellationToken.None)));
        var elapsed = Clock.Since(started);
        cancellationToken.ThrowIfCancellationRequested();

        var latency = new LatencyHistogram();
        var statuses = new Dictionary<int, long>();
        foreach (var loop in loops)
        {
            latency.Add(loop.Latency);
            foreach (var (status, count) in loop.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }

        return new LoadResult(latency.Count, loops.Sum(l => l.Failures), elapsed, latency, statuses);
    }

    /// <summary>Warms a server up (connections, JIT) for a short while before measuring.</summary>
    public Task<LoadResult> WarmUpAsync(TimeSpan duration, CancellationToken cancellationToken) => RunAsync(duration, cancellationToken);
}
