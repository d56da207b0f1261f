namespace Broker.Adapters.Http;

/// <summary>Per-request timeout and retry budget of an adapter's HTTP client (<c>Platforms:{Name}:Http</c>).</summary>
public sealed class AdapterHttpOptions
{
    /// <summary>How long one request may take before it is abandoned.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a request that is safe to repeat is retried.</summary>
    public int SafeRetries { get; set; } = 3;

    /// <summary>The first backoff delay; later ones double, with jitter.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest single wait, even when the server asks for more (longer waits go to the delivery layer).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these settings under <paramref name="section"/> (<c>Platforms:X:Http</c>); empty when they are usable.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return $"{section}:RequestTimeout must be positive.";
        }

        if (SafeRetries is < 0 or > 10)
        {
            yield return $"{section}:SafeRetries must be between 0 and 10.";
        }

        if (FirstBackoff <= TimeSpan.Zero || MaxBackoff < FirstBackoff)
        {
            yield return $"{section}:FirstBackoff must be positive and {section}:MaxBackoff at least as long.";
        }
    }
}
