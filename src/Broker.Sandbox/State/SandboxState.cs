using Broker.Sandbox.Faults;

namespace Broker.Sandbox.State;

/// <summary>Everything the sandbox holds. Thread-safe: one lock guards all mutable data; readers get snapshots.</summary>
public sealed partial class SandboxState(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly List<SandboxPost> posts = [];
    private readonly List<RecordedRequest> requests = [];
    private readonly HashSet<(string Platform, string Token)> revokedTokens = [];
    private readonly FaultBook faults = new();
    private long sequence;
    private long requestSequence;
    private int latencyMilliseconds;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public DateTimeOffset Now => TimeProvider.GetUtcNow();

    /// <summary>Every recorded request, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public int LatencyMilliseconds
    {
        get => Volatile.Read(ref latencyMilliseconds);
        set => Volatile.Write(ref latencyMilliseconds, Math.Max(0, value));
    }

    /// <summary>Live posts of a platform ("facebook", "instagram", "x"; null = all), optionally of one account, oldest first.</summary>
    public IReadOnlyList<SandboxPost> Posts(string? platform, string? accountId = null)
    {
        lock (gate)
        {
            return [.. posts.Where(p => (platform is null || p.Platform == platform) && (accountId is null || p.AccountId == accountId))];
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsFor(string? platform, string? pathContains = null) =>
        [.. Requests.Where(r => (platform is null || r.Platform == platform)
            && (pathContains is null || r.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase)))];

    public ActiveFault AddFault(SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return faults.Add(fault);
    }

    public IReadOnlyList<ActiveFault> Faults => faults.Snapshot();

    public void ClearFaults() => faults.Clear();

    internal SandboxFault? TakeFault(string platform, string endpoint, string? account) => faults.TryTake(platform, endpoint, account);

    public void RevokeToken(string platform, string token)
    {
        lock (gate)
        {
            revokedTokens.Add((platform, token));
        }
    }

    public bool IsRevoked(string platform, string token)
    {
        lock (gate)
        {
            return revokedTokens.Contains((platform, token));
        }
    }

    /// <summary>Forgets posts, uploads, requests, faults, tokens, counters and latency.</summary>
    public void Reset()
    {
        faults.Clear();
        LatencyMilliseconds = 0;
        lock (gate)
        {
            posts.Clear();
            requests.Clear();
            revokedTokens.Clear();
            ResetFacebook();
            ResetInstagram();
            ResetX();
            ResetFiles();
            ResetOAuth();
            ResetDeletions();
            ResetWordPress();
            SavePostsLocked();
            ResetEngagement();
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request with { Sequence = ++requestSequence });
        }
    }

    internal void AddPost(SandboxPost post)
    {
        lock (gate)
        {
            posts.Add(post);
            SavePostsLocked();
        }
    }

    internal void RemovePost(SandboxPost post)
    {
        lock (gate)
        {
            posts.Remove(post);
            SavePostsLocked();
        }
    }

    internal SandboxPost? FindPost(string platform, string id)
    {
        lock (gate)
        {
            return posts.Find(p => p.Platform == platform && p.Id == id);
        }
    }

    /// <summary>A fresh numeric id in the platform's usual length.</summary>
    internal string NewId(long prefix) => (prefix + Interlocked.Increment(ref sequence)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
