namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private const long InstagramIdBase = 17_900_000_000_000_000;
    private readonly Dictionary<string, InstagramContainer> containers = [];
    private readonly Dictionary<string, string> instagramUsersByToken = [];

    internal string NewInstagramId() => NewId(InstagramIdBase);

    internal void AddContainer(InstagramContainer container)
    {
        lock (gate)
        {
            containers[container.Id] = container;
        }
    }

    internal InstagramContainer? FindContainer(string id)
    {
        lock (gate)
        {
            return containers.GetValueOrDefault(id);
        }
    }

    /// <summary>Containers the user created inside the window ending now.</summary>
    internal int ContainersCreatedSince(string userId, DateTimeOffset since)
    {
        lock (gate)
        {
            return containers.Values.Count(c => c.UserId == userId && c.CreatedAt > since);
        }
    }

    internal int PublishedSince(string userId, DateTimeOffset since)
    {
        lock (gate)
        {
            return posts.Count(p => p.Platform == "instagram" && p.AccountId == userId && p.CreatedAt > since);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the state lock (container transitions must be atomic).</summary>
    internal T WithLock<T>(Func<T> action)
    {
        lock (gate)
        {
            return action();
        }
    }

    /// <summary>Tells the sandbox which Instagram user a token belongs to (answers <c>GET /me</c>).</summary>
    public void RegisterInstagramUser(string accessToken, string userId)
    {
        lock (gate)
        {
            instagramUsersByToken[accessToken] = userId;
        }
    }

    internal string? FindInstagramUser(string accessToken)
    {
        lock (gate)
        {
            return instagramUsersByToken.GetValueOrDefault(accessToken);
        }
    }

    private void ResetInstagram()
    {
        containers.Clear();
        instagramUsersByToken.Clear();
    }
}
