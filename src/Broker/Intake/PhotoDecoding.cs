using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Intake;

/// <summary>
/// Bounds how many photos are decoded at once (<see cref="BrokerOptions.MaxConcurrentDecodes"/>): a decoded photo takes
/// 4 bytes a pixel whatever its file's size, so a burst of uploads would otherwise take the process's memory with it.
/// The others wait their turn. Counts what it did, for the tests and for anyone measuring.
/// </summary>
public sealed class PhotoDecoding(IOptions<BrokerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim turns = new(options.Value.MaxConcurrentDecodes, options.Value.MaxConcurrentDecodes);
    private int running;
    private int mostAtOnce;
    private int decoded;

    /// <summary>Decodes running now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>The most decodes that ever ran at once.</summary>
    public int MostAtOnce => Volatile.Read(ref mostAtOnce);

    /// <summary>Decodes done since start.</summary>
    public int Decoded => Volatile.Read(ref decoded);

    public async Task<T> RunAsync<T>(Func<T> decode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decode);
        await turns.WaitAsync(cancellationToken);
        try
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref mostAtOnce)) && Interlocked.CompareExchange(ref mostAtOnce, now, seen) != seen)
            {
            }

            try
            {
                return decode();
            }
            finally
            {
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref decoded);
            }
        }
        finally
        {
            turns.Release();
        }
    }

    public void Dispose() => turns.Dispose();
}
