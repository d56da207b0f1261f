using Broker.Sandbox.Faults;

namespace Broker.Soak;

/// <summary>
/// Draws random faults of every kind the sandbox offers, each at an endpoint of the platform where it applies and aimed
/// at one account. One fault in twenty is a sick spell (several failures in a row on one account), which is what opens
/// that account's circuit.
/// </summary>
internal sealed class FaultPlan(Random random, double rate)
{
    private static readonly string[] Common =
    [
        FaultKinds.Http500, FaultKinds.Http503, FaultKinds.Transient, FaultKinds.RateLimit, FaultKinds.TokenExpired,
        FaultKinds.TimeoutAfterStore, FaultKinds.DropAfterStore, FaultKinds.Drop, FaultKinds.Permanent,
    ];

    private static readonly Dictionary<string, string[]> Kinds = new()
    {
        ["facebook"] = [.. Common, FaultKinds.Duplicate],
        ["instagram"] = [.. Common, FaultKinds.ContainerInProgress, FaultKinds.ContainerError],
        ["x"] = [.. Common, FaultKinds.Duplicate],
    };

    private static readonly string[] Sickness = [FaultKinds.Http503, FaultKinds.Transient, FaultKinds.Drop];

    private readonly Dictionary<string, int> injected = [];

    /// <summary>Faults drawn so far, by kind.</summary>
    public IReadOnlyDictionary<string, int> Injected => injected;

    /// <summary>A fault for an item just approved for an account, or null (with probability 1 − rate).</summary>
    public SandboxFault? Draw(string platform, string externalId, bool withPhoto)
    {
        if (random.NextDouble() >= rate)
        {
            return null;
        }

        var sick = random.NextDouble() < 0.05;
        var kind = sick ? Pick(Sickness) : Pick(Kinds[platform]);
        var endpoint = FaultKinds.AffectsContainer(kind) ? "media" : Endpoint(platform, withPhoto);
        injected[kind] = injected.GetValueOrDefault(kind) + 1;
        return new SandboxFault(
            platform,
            endpoint,
            kind,
            Times: sick ? random.Next(6, 11) : random.Next(1, 3),
            DelayMs: (int)SoakRig.RequestTimeout.TotalMilliseconds + 1_000,
            Polls: random.Next(2, 8),
            Status: random.NextDouble() < 0.7 ? "2207001" : "2207026",
            Minutes: 0,
            ResetSeconds: 2,
            Account: externalId);
    }

    /// <summary>Mostly the publishing calls, sometimes the reads around them (reconciliation, status, quota).</summary>
    private string Endpoint(string platform, bool withPhoto) => platform switch
    {
        "facebook" => random.NextDouble() < 0.8 ? (withPhoto ? "photos" : "feed") : "published_posts",
        "instagram" => Pick(["media", "media", "media_publish", "media_publish", "container_status", "content_publishing_limit", "media_list"]),
        _ => random.NextDouble() < 0.7 ? "tweets" : (withPhoto && random.NextDouble() < 0.7 ? "media_upload" : "user_tweets"),
    };

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];
}
