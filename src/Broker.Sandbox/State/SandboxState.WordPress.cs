namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private const long WordPressIdBase = 4_000;
    private readonly Dictionary<string, string> wordPressPasswords = new(StringComparer.Ordinal);
    private readonly Dictionary<long, WordPressMedia> wordPressMedia = [];
    private readonly Dictionary<long, WordPressPostRecord> wordPressPosts = [];

    /// <summary>
    /// Gives a WordPress user an Application Password: requests as that user must then carry it (spaces do not count).
    /// Users never registered are let in with any password, as the X sandbox does for unknown OAuth 1.0a tokens.
    /// </summary>
    public void RegisterWordPressPassword(string user, string applicationPassword)
    {
        ArgumentNullException.ThrowIfNull(applicationPassword);
        lock (gate)
        {
            wordPressPasswords[user] = applicationPassword.Replace(" ", string.Empty, StringComparison.Ordinal);
        }
    }

    internal string? WordPressPasswordOf(string user)
    {
        lock (gate)
        {
            return wordPressPasswords.GetValueOrDefault(user);
        }
    }

    /// <summary>The site's posts, trashed ones included, oldest first.</summary>
    public IReadOnlyList<WordPressPostRecord> WordPressPosts
    {
        get
        {
            lock (gate)
            {
                return [.. wordPressPosts.Values.OrderBy(p => p.Id)];
            }
        }
    }

    /// <summary>The site's media library, oldest first.</summary>
    public IReadOnlyList<WordPressMedia> WordPressMediaLibrary
    {
        get
        {
            lock (gate)
            {
                return [.. wordPressMedia.Values.OrderBy(m => m.Id)];
            }
        }
    }

    internal WordPressMedia AddWordPressMedia(Func<long, WordPressMedia> create)
    {
        var media = create(long.Parse(NewId(WordPressIdBase), System.Globalization.CultureInfo.InvariantCulture));
        lock (gate)
        {
            wordPressMedia[media.Id] = media;
        }

        return media;
    }

    internal WordPressMedia? FindWordPressMedia(long id)
    {
        lock (gate)
        {
            return wordPressMedia.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Stores a post under a slug no other post has, as WordPress does: a taken slug gets "-2", "-3"… The slug is chosen
    /// and the post stored in one step, so two posts racing for one slug never share it.
    /// </summary>
    internal WordPressPostRecord AddWordPressPost(string wantedSlug, Func<long, string, WordPressPostRecord> create)
    {
        var id = long.Parse(NewId(WordPressIdBase), System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            var slug = wantedSlug;
            for (var n = 2; wordPressPosts.Values.Any(p => p.Slug == slug); n++)
            {
                slug = $"{wantedSlug}-{n}";
            }

            var post = create(id, slug);
            wordPressPosts[id] = post;
            posts.Add(new SandboxPost("wordpress", post.User, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "post", post.Content, post.Link,
                post.FeaturedMedia > 0 ? [wordPressMedia[post.FeaturedMedia].SourceUrl] : [],
                post.FeaturedMedia > 0 ? [post.FeaturedMedia.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
                post.CreatedAt, post.Link));
            return post;
        }
    }

    internal WordPressPostRecord? FindWordPressPost(long id)
    {
        lock (gate)
        {
            return wordPressPosts.GetValueOrDefault(id);
        }
    }

    /// <summary>Moves a post to the trash (or deletes it for good); false when it was in the trash already and not forced.</summary>
    internal bool TrashWordPressPost(WordPressPostRecord post, bool force)
    {
        lock (gate)
        {
            if (!force && post.Status == "trash")
            {
                return false;
            }

            if (force)
            {
                wordPressPosts.Remove(post.Id);
            }
            else
            {
                wordPressPosts[post.Id] = post with { Status = "trash" };
            }

            var live = posts.Find(p => p.Platform == "wordpress" && p.Id == post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (live is not null)
            {
                DeletePost(live);
            }

            return true;
        }
    }

    private void ResetWordPress()
    {
        wordPressPasswords.Clear();
        wordPressMedia.Clear();
        wordPressPosts.Clear();
    }
}
