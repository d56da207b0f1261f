using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Facebook;

/// <summary>Publishes to Facebook Pages with a Page access token.</summary>
internal sealed class FacebookAdapter(
    IHttpClientFactory httpClientFactory,
    FacebookOptions options,
    TimeProvider time,
    ILogger<FacebookAdapter> logger) : IChannelAdapter, IPostRemover, IPostEditor, IPostMetricsReader, IRecentPostsReader
{
    public const string HttpClientName = "facebook";

    /// <summary>Facebook's longest Page post text.</summary>
    private const int MaxTextLength = 63_206;

    /// <summary>
    /// Our choice for one post, not Facebook's limit: <c>attached_media</c> takes more, but ten photos keep a post
    /// readable and the upload count (one call per photo) small.
    /// </summary>
    private const int MaxPhotos = 10;

    /// <summary>Facebook asks for photos under 4 MB (error subcode 1366046); counted in decimal megabytes to be safe.</summary>
    private const long MaxPhotoBytes = 4_000_000;

    private readonly FacebookEngagement engagement = new(new GraphInsights(FacebookErrorClassifier.Table, options.RateLimitWait), time);

    /// <summary>The <c>platform</c> argument of this adapter's <see cref="PostProblem"/>s.</summary>
    private static readonly (string, object) Name = ("platform", "Facebook");

    public string Platform => "facebook";

    public PlatformLimits Limits { get; } = new(MaxTextLength, 0, MaxPhotos);

    public PreviewDescriptor Preview { get; } = new() { Label = "Facebook", Layout = PreviewLayout.Post, ImageAspect = PreviewImageAspect.Square, PhotosShown = 4 };

    public string? DefaultTemplate { get; } = EmbeddedText.Read(typeof(FacebookAdapter).Assembly, "Broker.Adapters.Facebook.facebook.sbn");

    public int MeasureText(string text) => GraphText.CountCharacters(text);

    public IReadOnlyList<string> Check(RenderedPost post) => [.. Diagnose(post).Select(p => p.Text)];

    public IReadOnlyList<PostProblem> Diagnose(RenderedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var problems = new List<PostProblem>();
        var length = MeasureText(post.Text);
        if (length > MaxTextLength)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TextTooLong, $"The text is {length:N0} characters long; Facebook takes at most {MaxTextLength:N0}.", ("length", length), ("max", MaxTextLength), Name));
        }

        if (string.IsNullOrWhiteSpace(post.Text) && post.Link is null && post.Media.Count == 0)
        {
            problems.Add(PostProblem.Coded(PostProblemCodes.Empty, "A Facebook post needs text, a link or a photo.", Name));
        }

        if (post.Media.Count > MaxPhotos)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TooManyPhotos, $"A Facebook post carries at most {MaxPhotos} photos; this one has {post.Media.Count}.", ("count", post.Media.Count), ("max", MaxPhotos), Name));
        }

        foreach (var (photo, number) in post.Media.Select((photo, index) => (photo, index + 1)))
        {
            if (photo.ContentType is not ("image/jpeg" or "image/png"))
            {
                problems.Add(PostProblem.Coded(
                    PostProblemCodes.PhotoType, $"Photo {number} is {photo.ContentType}; Facebook takes JPEG or PNG.", ("number", number), ("type", photo.ContentType), ("accepted", "JPEG, PNG"), Name));
            }

            if (photo.Length > MaxPhotoBytes)
            {
                var megabytes = Math.Round(photo.Length / 1_000_000.0, 1);
                problems.Add(PostProblem.Coded(
                    PostProblemCodes.PhotoTooLarge, $"Photo {number} is {megabytes:0.#} MB; Facebook takes photos under 4 MB.", ("number", number), ("megabytes", megabytes), ("max", 4), Name));
            }
        }

        return problems;
    }

    public IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials) =>
        GraphRegistration.CheckAccessToken(credentials, "Facebook");

    public IReadOnlyList<string> CheckExternalId(string externalId) => GraphRegistration.CheckDigitsId(externalId, "Facebook Page id");

    public IReadOnlyList<Uri> AllowedApiBaseUrls => options.ApiBaseUrls();

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckExternalId(request.Account.ExternalId) is [var badId, ..])
        {
            return Log(request, new PublishOutcome.Failed(badId));
        }

        if (Start(request) is not { } publication)
        {
            return Log(request, new PublishOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page."));
        }

        return Log(request, await publication.PublishAsync(cancellationToken));
    }

    public async Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckExternalId(request.Account.ExternalId) is [var badId, ..])
        {
            return new PublishOutcome.Failed(badId);
        }

        if (Start(request) is not { } publication)
        {
            return new PublishOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page.");
        }

        return await publication.FindPublishedAsync(cancellationToken);
    }

    /// <summary><c>DELETE /{page-post-id}</c> with the Page token; a post that no longer exists counts as removed.</summary>
    public async Task<RemovalOutcome> RemoveAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!account.Credentials.TryGetValue("accessToken", out var token) || string.IsNullOrWhiteSpace(token))
        {
            return new RemovalOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page.");
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(account), token);
        var outcome = await GraphRemovals.DeleteAsync(
            api, platformPostId, FacebookErrorClassifier.Table, _ => false, time.GetUtcNow(), options.RateLimitWait, cancellationToken);
        FacebookLog.Removal(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>
    /// <c>POST /{page-post-id}</c> with <c>message</c>, which Facebook's Pages API takes as an update of the post's text
    /// (answered <c>{"success": true}</c>); setting the same text again changes nothing.
    /// </summary>
    public async Task<EditOutcome> EditAsync(ChannelAccount account, string platformPostId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(text);
        if (!account.Credentials.TryGetValue("accessToken", out var token) || string.IsNullOrWhiteSpace(token))
        {
            return new EditOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page.");
        }

        if (MeasureText(text) > MaxTextLength)
        {
            return new EditOutcome.CannotEdit($"The text is {MeasureText(text):N0} characters long; Facebook takes at most {MaxTextLength:N0}.");
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(account), token);
        var outcome = await FacebookPostEdits.EditAsync(api, platformPostId, text, time.GetUtcNow(), options.RateLimitWait, cancellationToken);
        FacebookLog.Edit(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>Insights and counts of a Page post (<see cref="FacebookEngagement"/>).</summary>
    public async Task<ReadOutcome> ReadMetricsAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Api(account) is not { } api)
        {
            return new ReadOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page.");
        }

        var outcome = await engagement.ReadMetricsAsync(api, platformPostId, m => FacebookLog.MetricSkipped(logger, account.Id, m), cancellationToken);
        FacebookLog.MetricsRead(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    public MetricKind KindOf(string metricName) => FacebookEngagement.KindOf(metricName);

    /// <summary>The Page's <c>published_posts</c> since <paramref name="since"/>.</summary>
    public async Task<ReadOutcome> ReadRecentPostsAsync(ChannelAccount account, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (CheckExternalId(account.ExternalId) is [var badId, ..])
        {
            return new ReadOutcome.Failed(badId);
        }

        return Api(account) is { } api
            ? await engagement.ReadRecentAsync(api, account.ExternalId, since, limit, cancellationToken)
            : new ReadOutcome.NeedsReauthorization("The Facebook account has no access token; a person must reconnect the Page.");
    }

    private GraphApi? Api(ChannelAccount account) =>
        account.Credentials.TryGetValue("accessToken", out var token) && !string.IsNullOrWhiteSpace(token)
            ? new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(account), token)
            : null;

    private FacebookPublication? Start(PublishRequest request)
    {
        if (!request.Account.Credentials.TryGetValue("accessToken", out var token) || string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(request.Account), token);
        return new FacebookPublication(api, request, options, time, logger);
    }

    private PublishOutcome Log(PublishRequest request, PublishOutcome outcome)
    {
        if (outcome is PublishOutcome.Published published)
        {
            FacebookLog.Published(logger, request.DeliveryId, request.Account.Id, published.RemotePostId);
        }
        else
        {
            FacebookLog.NotPublished(logger, request.DeliveryId, request.Account.Id, outcome.GetType().Name, GraphOutcomes.ReasonOf(outcome));
        }

        return outcome;
    }
}
