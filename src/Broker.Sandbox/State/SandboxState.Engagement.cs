namespace Broker.Sandbox.State;

/// <summary>Metric names retired at run time (a test retires one the adapters still ask for), and posts made outside the broker.</summary>
public sealed partial class SandboxState
{
    private readonly HashSet<string> retiredMetrics = new(StringComparer.Ordinal);

    /// <summary>From now on, the insights endpoint answers <paramref name="name"/> with the invalid-metric error.</summary>
    public void RetireMetric(string name)
    {
        lock (gate)
        {
            retiredMetrics.Add(name);
        }
    }

    public bool IsMetricRetired(string name)
    {
        lock (gate)
        {
            return retiredMetrics.Contains(name);
        }
    }

    /// <summary>
    /// A post the account made directly on the platform, not through the broker ("native"), published at
    /// <paramref name="at"/> (default: now). Returns the post as the platform's listings show it.
    /// </summary>
    public SandboxPost AddNativePost(string platform, string accountId, string text, DateTimeOffset? at = null)
    {
        var created = at ?? Now;
        var post = platform switch
        {
            "facebook" => Native(platform, accountId, $"{accountId}_{NewFacebookId()}", "status", text, created, id => $"https://www.facebook.com/{accountId}/posts/{id.Split('_')[^1]}"),
            "instagram" => Native(platform, accountId, NewInstagramId(), "IMAGE", text, created, id => $"https://www.instagram.com/p/{id}/"),
            "x" => Native(platform, accountId, NewXId(), "tweet", text, created, id => $"https://x.com/i/status/{id}"),
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "facebook, instagram or x."),
        };
        AddPost(post);
        return post;
    }

    private static SandboxPost Native(string platform, string accountId, string id, string kind, string text, DateTimeOffset at, Func<string, string> permalink) =>
        new(platform, accountId, id, kind, text, null, [], [], at, permalink(id));

    private void ResetEngagement()
    {
        retiredMetrics.Clear();
    }
}
