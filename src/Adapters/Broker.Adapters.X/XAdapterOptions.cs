using Broker.Adapters.Http;

namespace Broker.Adapters.X;

/// <summary>Settings of the X adapter (<c>Platforms:X</c>).</summary>
public sealed class XAdapterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platforms:X";

    /// <summary>The name of the adapter's <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "x";

    /// <summary>The API host (posts, users, OAuth 2.0 token); an account's own <see cref="ChannelAccount.ApiBaseUrl"/> replaces it.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.x.com");

    /// <summary>The media upload host; <c>null</c> means the API host of the account.</summary>
    public Uri? UploadBaseUrl { get; set; }

    /// <summary>
    /// More API base URLs an editor may point an X account at (its <c>apiBaseUrl</c>), besides <see cref="BaseUrl"/> and
    /// <see cref="UploadBaseUrl"/>; nothing else is ever called with an account's tokens.
    /// </summary>
    public List<Uri> AllowedBaseUrls { get; set; } = [];

    /// <summary>Photos up to this size go in one multipart request; bigger ones use initialize/append/finalize.</summary>
    public long OneShotUploadMaxBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>The size of one append segment of a chunked upload.</summary>
    public int UploadChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>An OAuth 2.0 access token that expires within this margin is refreshed before a call.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait after a 429 that carries no <c>x-rate-limit-reset</c>.</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many STATUS checks a processing upload gets before the attempt gives up (transiently).</summary>
    public int MaxProcessingChecks { get; set; } = 30;

    /// <summary>The X app's OAuth 2.0 client id, for connecting accounts.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The client secret of a confidential client (set it from an environment variable); empty for a public client.
    /// Read here at every code exchange and refresh, never copied into an account's credentials.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>X's consent page (https://x.com/i/oauth2/authorize).</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://x.com/i/oauth2/authorize");

    /// <summary>The scopes asked for; <c>offline.access</c> is what brings a refresh token.</summary>
    public string Scopes { get; set; } = "tweet.read tweet.write users.read offline.access media.write";

    /// <summary>Timeouts and safe retries of the HTTP client.</summary>
    public AdapterHttpOptions Http { get; set; } = new();

    /// <summary>The API base URLs an account may be called on: <see cref="BaseUrl"/>, <see cref="UploadBaseUrl"/> and <see cref="AllowedBaseUrls"/>.</summary>
    public IReadOnlyList<Uri> ApiBaseUrls() => [BaseUrl, .. UploadBaseUrl is null ? Array.Empty<Uri>() : [UploadBaseUrl], .. AllowedBaseUrls];

    /// <summary>Every problem with these settings; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!BaseUrl.IsAbsoluteUri)
        {
            yield return $"{Section}:BaseUrl must be an absolute URL.";
        }

        if (UploadBaseUrl is { IsAbsoluteUri: false })
        {
            yield return $"{Section}:UploadBaseUrl must be an absolute URL.";
        }

        if (AllowedBaseUrls.Any(url => !url.IsAbsoluteUri))
        {
            yield return $"{Section}:AllowedBaseUrls must hold absolute URLs only.";
        }

        if (!AuthorizeUrl.IsAbsoluteUri)
        {
            yield return $"{Section}:AuthorizeUrl must be an absolute URL.";
        }

        if (OneShotUploadMaxBytes <= 0)
        {
            yield return $"{Section}:OneShotUploadMaxBytes must be positive.";
        }

        if (UploadChunkBytes is <= 0 or > 5 * 1024 * 1024)
        {
            yield return $"{Section}:UploadChunkBytes must be between 1 byte and 5 MiB.";
        }

        if (RefreshMargin < TimeSpan.Zero)
        {
            yield return $"{Section}:RefreshMargin must not be negative.";
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
}
