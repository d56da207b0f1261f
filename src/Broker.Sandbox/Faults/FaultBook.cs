namespace Broker.Sandbox.Faults;

/// <summary>Injected faults; each matching request consumes one use atomically.</summary>
internal sealed class FaultBook
{
    private readonly Lock gate = new();
    private readonly List<ActiveFault> faults = [];
    private long nextId;

    public ActiveFault Add(SandboxFault fault)
    {
        lock (gate)
        {
            var active = new ActiveFault(++nextId, fault, Math.Max(1, fault.Times));
            faults.Add(active);
            return active;
        }
    }

    public IReadOnlyList<ActiveFault> Snapshot()
    {
        lock (gate)
        {
            return [.. faults];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>Takes one use of the first fault matching the request, or null.</summary>
    /// <param name="account">The platform's id of the account the request acts for, when the dialect can tell.</param>
    public SandboxFault? TryTake(string platform, string endpoint, string? account)
    {
        lock (gate)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var active = faults[i];
                if (!Matches(active.Fault, platform, endpoint, account))
                {
                    continue;
                }

                if (active.Remaining <= 1)
                {
                    faults.RemoveAt(i);
                }
                else
                {
                    faults[i] = active with { Remaining = active.Remaining - 1 };
                }

                return active.Fault;
            }

            return null;
        }
    }

    private static bool Matches(SandboxFault fault, string platform, string endpoint, string? account)
    {
        if (fault.Platform != "*" && !fault.Platform.Equals(platform, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (fault.Account is { Length: > 0 } aimed && aimed != "*" && !string.Equals(aimed, account, StringComparison.Ordinal))
        {
            return false;
        }

        // Container faults only make sense on container creation, whatever endpoint was named.
        if (FaultKinds.AffectsContainer(fault.Kind))
        {
            return endpoint == "media" && (fault.Endpoint is "*" or "media");
        }

        return fault.Endpoint == "*" || fault.Endpoint.Equals(endpoint, StringComparison.OrdinalIgnoreCase);
    }
}
