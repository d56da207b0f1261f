namespace Broker.Adapters.Graph;

/// <summary>What a Graph error means for the delivery (platforms.md §4).</summary>
public enum GraphErrorClass
{
    /// <summary>Temporary: nothing was created; try again.</summary>
    Retry,

    /// <summary>Throttled: wait until access is regained.</summary>
    Throttled,

    /// <summary>The Instagram container is unusable: forget it and create a new one on the next attempt.</summary>
    Recreate,

    /// <summary>The token is expired or revoked: a person must re-authorise the account.</summary>
    Reauthorize,

    /// <summary>Refused for good: fix the content, the permissions or the account.</summary>
    Permanent,

    /// <summary>The post may exist already: reconcile before any new attempt.</summary>
    Ambiguous,

    /// <summary>The platform could not fetch the photo: retried a limited number of times, then permanent.</summary>
    MediaDownloadFailed,
}
