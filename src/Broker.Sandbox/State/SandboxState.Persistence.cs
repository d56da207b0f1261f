using System.Text.Json;

namespace Broker.Sandbox.State;

/// <summary>
/// The posts, kept in <see cref="PostsFile"/> when one is set (the broker's embedded sandbox: a file under <c>data/</c>),
/// so a restart does not forget what was published. Tokens, uploads and recorded requests are not kept: the sandbox
/// accepts any token, and the rest matters only within one run.
/// </summary>
public sealed partial class SandboxState
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Where the posts are kept across restarts; null keeps them in memory only (tests).</summary>
    public string? PostsFile { get; init; }

    /// <summary>Reads the posts kept by an earlier run, if any, and goes on numbering after their ids.</summary>
    public void LoadPosts()
    {
        if (PostsFile is null || !File.Exists(PostsFile))
        {
            return;
        }

        var kept = JsonSerializer.Deserialize<KeptPosts>(File.ReadAllText(PostsFile), FileJson);
        lock (gate)
        {
            posts.Clear();
            posts.AddRange(kept?.Posts ?? []);
            sequence = Math.Max(sequence, kept?.Sequence ?? 0);
        }
    }

    private bool RemovePostLocked(SandboxPost post)
    {
        var removed = posts.Remove(post);
        SavePostsLocked();
        return removed;
    }

    /// <summary>In the caller's lock: writes the posts to a new file and moves it over the old one (never half a file).</summary>
    private void SavePostsLocked()
    {
        if (PostsFile is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(PostsFile))!);
        var temporary = PostsFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new KeptPosts(Interlocked.Read(ref sequence), [.. posts]), FileJson));
        File.Move(temporary, PostsFile, overwrite: true);
    }

    private sealed record KeptPosts(long Sequence, List<SandboxPost> Posts);
}
