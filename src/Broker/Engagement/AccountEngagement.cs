namespace Broker.Engagement;

/// <summary>
/// The read-back state of one account: whether its token may read metrics, and when its own posts are next imported.
/// Written by compare-and-set on <see cref="Version"/> (0: not stored yet), so of two nodes one imports.
/// </summary>
public sealed class AccountEngagement
{
    /// <summary>The account's id.</summary>
    public required string Id { get; set; }

    public long Version { get; set; }

    /// <summary>Why reading is paused ("metrics not permitted"); null when reading goes on.</summary>
    public string? NotPermitted { get; set; }

    public DateTimeOffset? NotPermittedAt { get; set; }

    /// <summary>Reading resumes at this time, or sooner when the account's credentials change (it was reconnected).</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>A fingerprint of the credentials the refusal came with.</summary>
    public string? CredentialsMark { get; set; }

    public DateTimeOffset NextImportAt { get; set; }

    public DateTimeOffset? LastImportAt { get; set; }

    /// <summary>Whether reading is paused at <paramref name="now"/> for an account whose credentials fingerprint is <paramref name="mark"/>.</summary>
    public bool IsPaused(DateTimeOffset now, string mark) =>
        NotPermitted is not null && PausedUntil > now && string.Equals(CredentialsMark, mark, StringComparison.Ordinal);
}
