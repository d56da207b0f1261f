namespace Broker.Access;

public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long a new token is valid unless its creator says otherwise.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long a one-time sign-in link stays usable after an editor made it.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a cookie sign-in lasts (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Requests per minute per signed-in user (or per address when not signed in).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Sign-in attempts per minute per address. Wrong tokens are held back by <see cref="FailedTokensPerMinute"/>; this
    /// only caps the volume, so it is set for an office behind one address (a NAT) where many sign in at eight.
    /// </summary>
    public int SignInsPerMinute { get; set; } = 120;

    /// <summary>Failed token checks per minute per address before the address is refused with 429.</summary>
    public int FailedTokensPerMinute { get; set; } = 30;

    /// <summary>Share-link redirects per minute per address.</summary>
    public int RedirectsPerMinute { get; set; } = 1200;

    /// <summary>Largest request body accepted, except photo uploads (which have their own limit).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}
