namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private readonly List<SandboxDeletion> deletions = [];
    private volatile bool instagramDeletes;

    /// <summary>
    /// Whether Instagram answers <c>DELETE /{ig-media-id}</c> by deleting (as reported for Facebook Login accounts) or
    /// with "Unsupported delete request" (code 100, subcode 33), as the IG Media reference documents. Starts as
    /// <see cref="SandboxOptions.InstagramDeleteSupported"/>.
    /// </summary>
    public bool InstagramDeletes
    {
        get => instagramDeletes;
        set => instagramDeletes = value;
    }

    /// <summary>The posts deleted, oldest first, of a platform (null = all).</summary>
    public IReadOnlyList<SandboxDeletion> Deletions(string? platform = null)
    {
        lock (gate)
        {
            return [.. deletions.Where(d => platform is null || d.Platform == platform)];
        }
    }

    /// <summary>Removes the post and records its deletion; false when it was gone already.</summary>
    internal bool DeletePost(SandboxPost post)
    {
        lock (gate)
        {
            if (!RemovePostLocked(post))
            {
                return false;
            }

            deletions.Add(new SandboxDeletion(post.Platform, post.AccountId, post.Id, Now));
            return true;
        }
    }

    /// <summary>The deletion of the post <paramref name="id"/>, if it was deleted: reading it then answers "does not exist".</summary>
    internal SandboxDeletion? WasDeleted(string id)
    {
        lock (gate)
        {
            return deletions.Find(d => d.Id == id);
        }
    }

    private void ResetDeletions() => deletions.Clear();
}
