using Broker.Sandbox.State;

namespace Broker.Sandbox;

/// <summary>Settings of one sandbox instance. Every limit the platforms enforce is configurable here.</summary>
public sealed class SandboxOptions
{
    /// <summary>Address Kestrel binds to; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Where the posts are kept across restarts (a JSON file); null keeps them in memory only.</summary>
    public string? PostsFile { get; set; }

    /// <summary>Clock for container expiry, quota windows, rate-limit resets and token expiry.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many status polls an Instagram container answers IN_PROGRESS before FINISHED.</summary>
    public int InstagramInProgressPolls { get; set; } = 1;

    /// <summary>Minimum age of a container before it can be FINISHED (in addition to the polls).</summary>
    public TimeSpan InstagramContainerReadyAfter { get; set; } = TimeSpan.Zero;

    public TimeSpan InstagramContainerLifetime { get; set; } = TimeSpan.FromHours(24);

    public int InstagramPublishQuota { get; set; } = 50;

    public TimeSpan InstagramQuotaWindow { get; set; } = TimeSpan.FromHours(24);

    public int InstagramContainersPerWindow { get; set; } = 400;

    public long InstagramMaxImageBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Whether Instagram deletes media on <c>DELETE /{ig-media-id}</c>; false (the IG Media reference's word): it answers
    /// "Unsupported delete request" (code 100, subcode 33). Switchable at run time through <c>POST /_sandbox/instagram/deletes</c>.
    /// </summary>
    public bool InstagramDeleteSupported { get; set; }

    /// <summary>Facebook answers error 506 when a Page posts the same message twice in a row.</summary>
    public bool FacebookRejectConsecutiveDuplicates { get; set; } = true;

    /// <summary>Calls per hour that make a Page's BUC call_count reach 100 %.</summary>
    public int FacebookCallsPerHour { get; set; } = 4800;

    public int XTweetsPerWindow { get; set; } = 100;

    public TimeSpan XRateLimitWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Limit for every other X endpoint per window and user.</summary>
    public int XOtherRequestsPerWindow { get; set; } = 900;

    public int XUserTweetsPer24Hours { get; set; } = 2400;

    public int XMaxWeightedLength { get; set; } = 280;

    /// <summary>STATUS checks an image upload needs after finalize (finalize says pending, the Nth check says succeeded); 0 = ready at once, no processing_info.</summary>
    public int XImageProcessingChecks { get; set; }

    /// <summary>Same as <see cref="XImageProcessingChecks"/> for video/GIF categories (default: pending, in_progress, succeeded).</summary>
    public int XVideoProcessingChecks { get; set; } = 2;

    public TimeSpan XAccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The X user who consents in the sandbox's authorize dialog.</summary>
    public string XDefaultUserId { get; set; } = "1500000000000000001";

    /// <summary>The Facebook user who consents in the sandbox's Facebook Login dialog.</summary>
    public string FacebookLoginUserId { get; set; } = "100000000000042";

    /// <summary>The Pages that user manages, as <c>/me/accounts</c> lists them (the first with a linked Instagram account).</summary>
    public IList<SandboxPage> FacebookLoginPages { get; } =
    [
        new("104857600000001", "Pemerintah Kota (Sandbox)", HasInstagram: true),
        new("104857600000002", "Dinas Kesehatan (Sandbox)", HasInstagram: false),
    ];

    /// <summary>The Instagram professional account that consents in the sandbox's Instagram Login dialog.</summary>
    public string InstagramLoginUserId { get; set; } = "17841400000000077";

    /// <summary>Facebook user tokens from a code live about an hour; from <c>fb_exchange_token</c> about 60 days.</summary>
    public TimeSpan FacebookShortTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan FacebookLongTokenLifetime { get; set; } = TimeSpan.FromSeconds(5_183_944);

    /// <summary>Instagram Login: short-lived tokens live one hour, long-lived ones 60 days.</summary>
    public TimeSpan InstagramShortTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan InstagramLongTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A long-lived Instagram token must be this old before <c>refresh_access_token</c> renews it.</summary>
    public TimeSpan InstagramRefreshMinimumAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The token the sandbox's Telegram bot answers to; any other gets 401 Unauthorized, as the Bot API answers.</summary>
    public string TelegramBotToken { get; set; } = "123456789:sandbox-telegram-bot-token";

    /// <summary>Timeout for fetching image URLs (Facebook photos, Instagram containers).</summary>
    public TimeSpan MediaFetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
