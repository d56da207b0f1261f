using Broker.Adapters.Graph;

namespace Broker.Adapters.Instagram;

/// <summary>
/// The Instagram adapter's settings, bound from <c>Platforms:Instagram</c>. <see cref="GraphPlatformOptions.BaseUrl"/>
/// is https://graph.facebook.com (Facebook Login) or https://graph.instagram.com (Instagram Login): the calls are the same.
/// </summary>
public sealed class InstagramOptions : GraphPlatformOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platforms:Instagram";

    /// <summary>The permissions Instagram Login asks for when <see cref="GraphPlatformOptions.Scopes"/> is empty.</summary>
    public const string DefaultScopes = "instagram_business_basic,instagram_business_content_publish";

    /// <summary>Starts with Instagram's login host; configuration replaces it (the sandbox's /instagram-web).</summary>
    public InstagramOptions() => LoginBaseUrl = new Uri("https://www.instagram.com");

    /// <summary>Instagram Login's code exchange host (https://api.instagram.com).</summary>
    public Uri TokenBaseUrl { get; set; } = new("https://api.instagram.com");

    /// <summary>
    /// The host of accounts connected through Instagram Login (https://graph.instagram.com): their long-lived tokens,
    /// <c>/me</c> and <c>refresh_access_token</c> live there, and they publish there.
    /// </summary>
    public Uri LoginGraphBaseUrl { get; set; } = new("https://graph.instagram.com");

    /// <summary>
    /// A long-lived Instagram Login token (60 days) is refreshed once it expires within this window, by the publish that
    /// finds it so or by the broker's periodic check, whichever comes first.
    /// </summary>
    public TimeSpan TokenRefreshWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long to wait when the publishing quota is used up. The window is a moving 24 hours and Meta does not say
    /// when the oldest post leaves it, so this is a conservative guess rather than the exact moment.
    /// </summary>
    public TimeSpan QuotaWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most container status reads in one attempt before giving the attempt back as transient.</summary>
    public int MaxStatusPolls { get; set; } = 6;

    /// <summary>The wait before the second status read; later waits double up to <see cref="MaxPollDelay"/>.</summary>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest wait between two status reads.</summary>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest time one attempt spends waiting for a container.</summary>
    public TimeSpan MaxPollTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a failed photo download (9004 / 2207052) is retried before the delivery fails.</summary>
    public int MediaDownloadRetries { get; set; } = 1;

    /// <summary>How far before the first attempt reconciliation looks for a post already made.</summary>
    public TimeSpan ReconcileLookBack { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Instagram accounts are called on the Graph host or, when connected through Instagram Login, on <see cref="LoginGraphBaseUrl"/>.</summary>
    public override IReadOnlyList<Uri> ApiBaseUrls() => [.. base.ApiBaseUrls(), LoginGraphBaseUrl];

    /// <inheritdoc />
    public override IEnumerable<string> Problems(string section)
    {
        foreach (var problem in base.Problems(section))
        {
            yield return problem;
        }

        if (MaxStatusPolls < 1)
        {
            yield return $"{section}:MaxStatusPolls must be at least 1.";
        }

        if (FirstPollDelay <= TimeSpan.Zero || MaxPollDelay < FirstPollDelay)
        {
            yield return $"{section}:FirstPollDelay must be positive and MaxPollDelay at least as long.";
        }

        if (QuotaWait <= TimeSpan.Zero)
        {
            yield return $"{section}:QuotaWait must be positive.";
        }

        if (TokenRefreshWindow <= TimeSpan.Zero || TokenRefreshWindow >= TimeSpan.FromDays(59))
        {
            yield return $"{section}:TokenRefreshWindow must be between zero and 59 days (a token is refreshable only after a day).";
        }

        if (MediaDownloadRetries < 0)
        {
            yield return $"{section}:MediaDownloadRetries cannot be negative.";
        }
    }
}
