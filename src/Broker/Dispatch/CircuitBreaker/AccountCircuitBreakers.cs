using Broker.Adapters;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch.CircuitBreaker;

/// <summary>
/// One circuit breaker per channel account, so one sick account does not slow the others. After
/// <see cref="CircuitBreakerOptions.FailureThreshold"/> consecutive transient failures or unknown outcomes of an account,
/// its circuit opens: its deliveries are not attempted, they wait for the end of the break without using up attempts.
/// When the break ends one delivery goes through as the probe; an answer from the platform closes the circuit and
/// releases the waiting deliveries at once, another failure opens it for a new break. Circuits live in memory: a
/// restart closes them all, which costs at most a few attempts.
/// </summary>
public sealed class AccountCircuitBreakers(IOptions<CircuitBreakerOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Circuit> circuits = new(StringComparer.Ordinal);

    /// <summary>Whether delivery <paramref name="deliveryId"/> may call the platform for account <paramref name="accountId"/> now.</summary>
    public CircuitPass TryPass(string accountId, string deliveryId)
    {
        lock (gate)
        {
            if (!circuits.TryGetValue(accountId, out var circuit) || circuit.OpenUntil is not { } openUntil)
            {
                return CircuitPass.Go;
            }

            var now = time.GetUtcNow();
            if (now >= openUntil && circuit.Probe is null)
            {
                circuit.Probe = deliveryId;
                circuit.Waiting.Remove(deliveryId);
                return CircuitPass.AsProbe;
            }

            // While the probe is out its answer decides; a success releases this delivery early.
            var until = now >= openUntil ? now + options.Value.BreakDuration : openUntil;
            circuit.Waiting.Add(deliveryId);
            return CircuitPass.Wait(until, $"Waiting: {circuit.Failures} failures in a row opened account {accountId}'s circuit until {openUntil:u} (last: {circuit.LastFailure})");
        }
    }

    /// <summary>
    /// Whether delivery <paramref name="deliveryId"/>, told to wait by <see cref="TryPass"/>, is still held by its
    /// account's open circuit. False once that circuit has closed (and released it) or the delivery went as the probe.
    /// </summary>
    public bool Holds(string accountId, string deliveryId)
    {
        lock (gate)
        {
            return circuits.TryGetValue(accountId, out var circuit) && circuit.OpenUntil is not null && circuit.Waiting.Contains(deliveryId);
        }
    }

    /// <summary>Counts the outcome of an attempt that went through; returns how the circuit changed, if it did.</summary>
    public CircuitChange? Record(string accountId, string deliveryId, PublishOutcome outcome)
    {
        var settings = options.Value;
        if (settings.FailureThreshold == 0)
        {
            return null;
        }

        lock (gate)
        {
            var circuit = circuits.TryGetValue(accountId, out var known) ? known : circuits[accountId] = new Circuit();
            var wasProbe = circuit.Probe == deliveryId;
            if (wasProbe)
            {
                circuit.Probe = null;
            }

            if (FailureOf(outcome) is not { } failure)
            {
                return Close(accountId, circuit);
            }

            circuit.Failures++;
            circuit.LastFailure = failure;
            if (wasProbe || (circuit.OpenUntil is null && circuit.Failures >= settings.FailureThreshold))
            {
                circuit.OpenUntil = time.GetUtcNow() + settings.BreakDuration;
                return new CircuitChange.Opened(circuit.OpenUntil.Value, circuit.Failures, failure);
            }

            return null;
        }
    }

    /// <summary>
    /// Each account whose circuit counts failures now, with its state: <see cref="CircuitState.Closed"/> (failures
    /// counted, not yet open), <see cref="CircuitState.Open"/>, or <see cref="CircuitState.HalfOpen"/> (the break is over
    /// or a probe is out). Accounts without failures have no circuit and are not listed. For the metrics' scrape only.
    /// </summary>
    public IReadOnlyList<(string AccountId, CircuitState State)> Snapshot()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return [.. circuits.Select(c => (c.Key, c.Value switch
            {
                { OpenUntil: null } => CircuitState.Closed,
                { Probe: not null } => CircuitState.HalfOpen,
                { OpenUntil: { } until } when now >= until => CircuitState.HalfOpen,
                _ => CircuitState.Open,
            }))];
        }
    }

    /// <summary>Frees the probe's place when its attempt ended without an outcome (the broker stopping, a bug).</summary>
    public void Abandon(string accountId, string deliveryId)
    {
        lock (gate)
        {
            if (circuits.TryGetValue(accountId, out var circuit) && circuit.Probe == deliveryId)
            {
                circuit.Probe = null;
            }
        }
    }

    private CircuitChange? Close(string accountId, Circuit circuit)
    {
        var wasOpen = circuit.OpenUntil is not null;
        var released = circuit.Waiting.ToList();
        circuits.Remove(accountId);
        return wasOpen ? new CircuitChange.Closed(released) : null;
    }

    /// <summary>
    /// The failures that count: transient ones and unknown outcomes. Any deliberate answer (published, refused, rate
    /// limited, re-authorisation, or "still processing, come back at") shows the platform works for the account.
    /// </summary>
    private static string? FailureOf(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Transient { RetryAt: null } transient => transient.Reason,
        PublishOutcome.Unknown unknown => unknown.Reason,
        _ => null,
    };

    private sealed class Circuit
    {
        public int Failures { get; set; }

        public string? LastFailure { get; set; }

        public DateTimeOffset? OpenUntil { get; set; }

        /// <summary>The delivery probing a half-open circuit, if one is out.</summary>
        public string? Probe { get; set; }

        public HashSet<string> Waiting { get; } = new(StringComparer.Ordinal);
    }
}
