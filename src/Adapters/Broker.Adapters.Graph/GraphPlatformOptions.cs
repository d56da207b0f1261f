using Broker.Adapters.Http;

namespace Broker.Adapters.Graph;

/// <summary>Settings every Meta adapter has (<c>Platforms:{Name}</c>); each adapter adds its own.</summary>
public class GraphPlatformOptions
{
    /// <summary>The Graph host; an account's own <see cref="ChannelAccount.ApiBaseUrl"/> replaces it.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>
    /// More API base URLs an editor may point an account of this platform at (its <c>apiBaseUrl</c>), besides the
    /// configured hosts; nothing else is ever called with an account's token.
    /// </summary>
    public List<Uri> AllowedBaseUrls { get; set; } = [];

    /// <summary>The Graph API version segment (an expired one is redirected by Meta, not refused).</summary>
    public string GraphVersion { get; set; } = "v25.0";

    /// <summary>Timeouts and safe retries of the HTTP client.</summary>
    public AdapterHttpOptions Http { get; set; } = new();

    /// <summary>How long to wait after throttling when the usage headers give no <c>estimated_time_to_regain_access</c>.</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The Meta app's id, for connecting accounts through the platform's login.</summary>
    public string? AppId { get; set; }

    /// <summary>The Meta app's secret (set it from an environment variable, never in a committed file).</summary>
    public string? AppSecret { get; set; }

    /// <summary>The host of the login dialog (https://www.facebook.com or https://www.instagram.com).</summary>
    public Uri? LoginBaseUrl { get; set; }

    /// <summary>The permissions the login asks for, comma-separated; empty for the platform's default set.</summary>
    public string? Scopes { get; set; }

    /// <summary>Why accounts cannot be connected through the login with these settings; empty when they can.</summary>
    public IReadOnlyList<string> LoginProblems(string section)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AppId))
        {
            problems.Add($"{section}:AppId is not set.");
        }

        if (string.IsNullOrWhiteSpace(AppSecret))
        {
            problems.Add($"{section}:AppSecret is not set (for example through the environment variable {section.Replace(":", "__", StringComparison.Ordinal)}__AppSecret).");
        }

        if (LoginBaseUrl is not { IsAbsoluteUri: true })
        {
            problems.Add($"{section}:LoginBaseUrl is not an absolute URL.");
        }

        return problems;
    }

    /// <summary>Every problem with these settings; empty when they are usable.</summary>
    public virtual IEnumerable<string> Problems(string section)
    {
        if (!BaseUrl.IsAbsoluteUri)
        {
            yield return $"{section}:BaseUrl must be an absolute URL.";
        }

        if (AllowedBaseUrls.Any(url => !url.IsAbsoluteUri))
        {
            yield return $"{section}:AllowedBaseUrls must hold absolute URLs only.";
        }

        if (string.IsNullOrWhiteSpace(GraphVersion))
        {
            yield return $"{section}:GraphVersion must be set (e.g. v25.0).";
        }

        if (RateLimitWait <= TimeSpan.Zero)
        {
            yield return $"{section}:RateLimitWait must be positive.";
        }

        foreach (var problem in Http.Problems($"{section}:Http"))
        {
            yield return problem;
        }
    }

    /// <summary>The API base URLs an account may be called on: <see cref="BaseUrl"/>, the adapter's other hosts and <see cref="AllowedBaseUrls"/>.</summary>
    public virtual IReadOnlyList<Uri> ApiBaseUrls() => [BaseUrl, .. AllowedBaseUrls];

    /// <summary>The versioned Graph base for <paramref name="account"/>.</summary>
    public Uri VersionedBaseFor(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return GraphApi.VersionedBase(account.ApiBaseUrl ?? BaseUrl, GraphVersion);
    }
}
