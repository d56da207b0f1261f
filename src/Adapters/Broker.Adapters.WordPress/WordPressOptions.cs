using System.Net;
using Broker.Adapters.Http;

namespace Broker.Adapters.WordPress;

/// <summary>Settings of the WordPress plugin (<c>Platforms:WordPress</c>).</summary>
public sealed class WordPressOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platforms:WordPress";

    /// <summary>The host's switch that lets platform URLs point at this machine (a sandbox, a local stand-in).</summary>
    public const string AllowLoopbackKey = "Platforms:AllowLoopback";

    /// <summary>
    /// The WordPress sites accounts may publish to, as base URLs (<c>https://dinkes.kota.go.id</c>, or with a path when
    /// WordPress lives in a sub-folder). An account's <c>apiBaseUrl</c> must be one of them; an account without one uses
    /// the first. https only; http and loopback only when <c>Platforms:AllowLoopback</c> is true.
    /// </summary>
    public List<Uri> AllowedBaseUrls { get; set; } = [];

    /// <summary>Whether retraction deletes a post for good (<c>?force=true</c>) instead of moving it to the trash.</summary>
    public bool ForceDelete { get; set; }

    /// <summary>How long to wait after a 429 that carries no <c>Retry-After</c>.</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeouts and safe retries of the HTTP client.</summary>
    public AdapterHttpOptions Http { get; set; } = new();

    /// <summary>Every problem with these settings, naming the keys; empty when they are usable.</summary>
    public IEnumerable<string> Problems(bool allowLoopback)
    {
        for (var i = 0; i < AllowedBaseUrls.Count; i++)
        {
            if (SiteProblem(AllowedBaseUrls[i], allowLoopback) is { } problem)
            {
                yield return $"{Section}:AllowedBaseUrls:{i} ({AllowedBaseUrls[i]}) {problem}";
            }
        }

        if (RateLimitWait <= TimeSpan.Zero)
        {
            yield return $"{Section}:RateLimitWait must be positive.";
        }

        foreach (var problem in Http.Problems($"{Section}:Http"))
        {
            yield return problem;
        }
    }

    /// <summary>Why <paramref name="site"/> may not be a site accounts publish to, or null.</summary>
    internal static string? SiteProblem(Uri site, bool allowLoopback)
    {
        if (!site.IsAbsoluteUri || site.Scheme is not ("https" or "http") || site.UserInfo.Length > 0 || site.Query.Length > 0 || site.Fragment.Length > 0)
        {
            return "must be an absolute https URL without user name, password, query or fragment.";
        }

        var loopback = site.IsLoopback || site.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(site.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (loopback && !allowLoopback)
        {
            return $"is on this machine's loopback; set {AllowLoopbackKey}=true if that is meant (a sandbox).";
        }

        return site.Scheme == "http" && !loopback ? "must use https." : null;
    }
}
