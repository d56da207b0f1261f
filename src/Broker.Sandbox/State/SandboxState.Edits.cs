namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    /// <summary>Replaces a live post's text (Facebook's edit of a Page post); false when the post is gone.</summary>
    internal bool EditPost(SandboxPost post, string text)
    {
        lock (gate)
        {
            var at = posts.IndexOf(post);
            if (at < 0)
            {
                return false;
            }

            posts[at] = post with { Text = text };
            return true;
        }
    }
}
