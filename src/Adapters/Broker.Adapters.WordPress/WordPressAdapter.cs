using Microsoft.Extensions.Logging;

namespace Broker.Adapters.WordPress;

/// <summary>
/// Publishes to WordPress sites through the REST API v2 with an Application Password (HTTP Basic): photos go to the media
/// library first, the first as the post's featured image; categories and tags come from the account's settings; the
/// permalink is WordPress's <c>link</c>. Only the sites listed in <c>Platforms:WordPress:AllowedBaseUrls</c> are ever called.
/// </summary>
internal sealed class WordPressAdapter(IHttpClientFactory httpClientFactory, WordPressOptions options, TimeProvider time, ILogger<WordPressAdapter> logger)
    : IChannelAdapter, IPostRemover
{
    public const string HttpClientName = "wordpress";

    /// <summary>Our bound for one article, not WordPress's (it has none to speak of): long enough for any press release.</summary>
    private const int MaxTextLength = 100_000;

    private const int MaxPhotos = 10;

    public string Platform => "wordpress";

    public PlatformLimits Limits { get; } = new(MaxTextLength, 0, MaxPhotos);

    public PreviewDescriptor Preview { get; } = new()
    {
        Label = "WordPress",
        Layout = PreviewLayout.Article,
        ShowsTitle = true,
        ImageAspect = PreviewImageAspect.Wide,
        PhotosShown = 1,
        Link = PreviewLinkDisplay.ReadMore,
    };

    public string? DefaultTemplate { get; } = EmbeddedText.Read(typeof(WordPressAdapter).Assembly, "Broker.Adapters.WordPress.wordpress.sbn");

    public IReadOnlyList<Uri> AllowedApiBaseUrls => options.AllowedBaseUrls;

    public int MeasureText(string text) => text?.Length ?? 0;

    public IReadOnlyList<string> Check(RenderedPost post) => [.. Diagnose(post).Select(p => p.Text)];

    public IReadOnlyList<PostProblem> Diagnose(RenderedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var name = ("platform", (object)"WordPress");
        var problems = new List<PostProblem>();
        if (WordPressContent.Title(post.Text ?? string.Empty).Length == 0)
        {
            problems.Add(PostProblem.Coded(PostProblemCodes.TitleMissing, "A WordPress post needs a title: the first line of the rendered text.", name));
        }

        var length = MeasureText(post.Text ?? string.Empty);
        if (length > MaxTextLength)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TextTooLong, $"The text is {length:N0} characters long; the WordPress channel takes at most {MaxTextLength:N0}.", ("length", length), ("max", MaxTextLength), name));
        }

        if (post.Media.Count > MaxPhotos)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TooManyPhotos, $"A WordPress post carries at most {MaxPhotos} photos; this one has {post.Media.Count}.", ("count", post.Media.Count), ("max", MaxPhotos), name));
        }

        foreach (var (photo, number) in post.Media.Select((photo, index) => (photo, index + 1)))
        {
            if (photo.ContentType is not ("image/jpeg" or "image/png"))
            {
                problems.Add(PostProblem.Coded(
                    PostProblemCodes.PhotoType, $"Photo {number} is {photo.ContentType}; the WordPress channel takes JPEG or PNG.", ("number", number), ("type", photo.ContentType), ("accepted", "JPEG, PNG"), name));
            }
        }

        return problems;
    }

    public IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials) => WordPressCredentials.Problems(credentials);

    public IReadOnlyList<string> CheckExternalId(string externalId) =>
        externalId is { Length: > 0 and <= 60 } ? [] : ["externalId must be the WordPress user's login name (at most 60 characters), whose Application Password the credentials hold."];

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = Start(request, out var publication) ?? await publication!.PublishAsync(cancellationToken).ConfigureAwait(false);
        if (outcome is PublishOutcome.Published published)
        {
            WordPressLog.Published(logger, request.DeliveryId, request.Account.Id, published.RemotePostId);
        }
        else
        {
            WordPressLog.NotPublished(logger, request.DeliveryId, request.Account.Id, outcome.GetType().Name, ReasonOf(outcome));
        }

        return outcome;
    }

    public async Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Start(request, out var publication) ?? await publication!.FindAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /posts/{id}</c>: to the trash, or for good with <see cref="WordPressOptions.ForceDelete"/>.</summary>
    public async Task<RemovalOutcome> RemoveAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(platformPostId);
        var site = SiteOf(account);
        var credentials = WordPressCredentials.Read(account.Credentials);
        if (site is null || credentials is null || platformPostId.Length is 0 or > 20 || !platformPostId.All(char.IsAsciiDigit))
        {
            return new RemovalOutcome.CannotRemove(site is null ? NotAllowed(account) : "The account's credentials or the post id are not usable; remove the post in WordPress.");
        }

        var api = new WordPressApi(httpClientFactory.CreateClient(HttpClientName), site, account.ExternalId, credentials.Password);
        var answer = await api.DeleteAsync("posts/" + platformPostId + (options.ForceDelete ? "?force=true" : ""), cancellationToken).ConfigureAwait(false);
        var manual = new Uri(site.AbsoluteUri.TrimEnd('/') + "/wp-admin/post.php?post=" + platformPostId + "&action=edit");
        var outcome = answer.IsSuccess
            ? new RemovalOutcome.Removed()
            : WordPressOutcomes.OfRemoval(answer, time.GetUtcNow(), options.RateLimitWait, account.ExternalId, manual);
        WordPressLog.Removal(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    private PublishOutcome? Start(PublishRequest request, out WordPressPublication? publication)
    {
        publication = null;
        if (SiteOf(request.Account) is not { } site)
        {
            return new PublishOutcome.Failed(NotAllowed(request.Account));
        }

        if (WordPressCredentials.Read(request.Account.Credentials) is not { } credentials)
        {
            return new PublishOutcome.NeedsReauthorization("The WordPress account has no usable Application Password; a person must enter one again.");
        }

        var api = new WordPressApi(httpClientFactory.CreateClient(HttpClientName), site, request.Account.ExternalId, credentials.Password);
        publication = new WordPressPublication(api, request, credentials, options, time, logger);
        return null;
    }

    /// <summary>The account's site when it is one of the configured sites (the first when the account names none); null otherwise.</summary>
    private Uri? SiteOf(ChannelAccount account)
    {
        var site = account.ApiBaseUrl ?? options.AllowedBaseUrls.FirstOrDefault();
        return site is not null && options.AllowedBaseUrls.Any(allowed => Same(allowed, site)) ? site : null;
    }

    private static bool Same(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port
        && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal)
        && b.UserInfo.Length == 0 && b.Query.Length == 0 && b.Fragment.Length == 0;

    private string NotAllowed(ChannelAccount account) =>
        $"The account's site {account.ApiBaseUrl?.ToString() ?? "(none)"} is not one of Platforms:WordPress:AllowedBaseUrls ({(options.AllowedBaseUrls.Count == 0 ? "none configured" : string.Join(", ", options.AllowedBaseUrls))}), so nothing was sent.";

    private static string ReasonOf(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Transient t => t.Reason,
        PublishOutcome.RateLimited r => r.Reason,
        PublishOutcome.NeedsReauthorization n => n.Reason,
        PublishOutcome.Failed f => f.Reason,
        PublishOutcome.Unknown u => u.Reason,
        _ => string.Empty,
    };
}
