namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private const long FacebookIdBase = 122_100_000_000_000_000;
    private readonly Dictionary<string, FacebookPhoto> photos = [];
    private readonly Dictionary<string, string> lastPageMessage = [];
    private readonly Dictionary<string, List<DateTimeOffset>> pageCalls = [];

    internal string NewFacebookId() => NewId(FacebookIdBase);

    internal void AddPhoto(FacebookPhoto photo)
    {
        lock (gate)
        {
            photos[photo.Id] = photo;
        }
    }

    internal FacebookPhoto? FindPhoto(string id)
    {
        lock (gate)
        {
            return photos.GetValueOrDefault(id);
        }
    }

    /// <summary>Marks unpublished photos as attached to a post; false (and no change) if any is unknown, foreign or used.</summary>
    internal bool TryAttachPhotos(string pageId, IReadOnlyList<string> photoIds, string postId, out string? problem)
    {
        lock (gate)
        {
            foreach (var id in photoIds)
            {
                if (!photos.TryGetValue(id, out var photo) || photo.PageId != pageId)
                {
                    problem = $"(#100) attached_media: {id} is not a photo of this Page";
                    return false;
                }

                if (photo.Published || photo.PostId is not null)
                {
                    problem = $"(#100) attached_media: photo {id} has already been posted";
                    return false;
                }
            }

            foreach (var id in photoIds)
            {
                photos[id].PostId = postId;
            }

            problem = null;
            return true;
        }
    }

    /// <summary>Remembers the Page's latest message; true when it repeats the previous one (Graph error 506).</summary>
    internal bool IsConsecutiveDuplicate(string pageId, string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return false;
        }

        lock (gate)
        {
            return lastPageMessage.TryGetValue(pageId, out var last) && last == message;
        }
    }

    internal void RememberMessage(string pageId, string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return;
        }

        lock (gate)
        {
            lastPageMessage[pageId] = message;
        }
    }

    /// <summary>Counts a call against the Page and returns the calls made in the last hour.</summary>
    internal int CountPageCall(string pageId)
    {
        var now = Now;
        lock (gate)
        {
            if (!pageCalls.TryGetValue(pageId, out var calls))
            {
                pageCalls[pageId] = calls = [];
            }

            calls.RemoveAll(t => now - t >= TimeSpan.FromHours(1));
            calls.Add(now);
            return calls.Count;
        }
    }

    private void ResetFacebook()
    {
        photos.Clear();
        lastPageMessage.Clear();
        pageCalls.Clear();
    }
}
