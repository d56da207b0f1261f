using Broker.Adapters.Http;
using Broker.Adapters.X.Auth;
using Broker.Adapters.X.Publishing;
using Broker.Adapters.X.Text;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.X;

/// <summary>Publishes to X through the API v2 (<c>POST /2/tweets</c>, v2 media upload), with OAuth 1.0a or OAuth 2.0 user tokens.</summary>
public sealed class XAdapter : IChannelAdapter, IPostRemover, IPostMetricsReader, IRecentPostsReader
{
    private readonly IHttpClientFactory httpClientFactory;
    private readonly XAdapterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly XAccountAuthorizer authorizer;
    private readonly XMediaUploader uploader;

    /// <summary>Creates the adapter; <see cref="XAdapterServiceCollectionExtensions.AddXAdapter"/> does this for the host.</summary>
    public XAdapter(IHttpClientFactory httpClientFactory, XAdapterOptions options, XOAuth2Client oauth2, TimeProvider timeProvider, ILogger<XAdapter> logger)
    {
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        authorizer = new XAccountAuthorizer(oauth2, new OAuth1Signer(timeProvider), options, timeProvider, logger);
        uploader = new XMediaUploader(options, timeProvider, logger);
    }

    /// <inheritdoc />
    public string Platform => "x";

    /// <inheritdoc />
    public PlatformLimits Limits { get; } = new(XTextCounter.MaxWeightedLength, 0, 4);

    /// <inheritdoc />
    public PreviewDescriptor Preview { get; } = new() { Label = "X", Layout = PreviewLayout.Short, ImageAspect = PreviewImageAspect.Square, PhotosShown = 4 };

    /// <inheritdoc />
    public string? DefaultTemplate { get; } = EmbeddedText.Read(typeof(XAdapter).Assembly, "Broker.Adapters.X.x.sbn");

    /// <inheritdoc />
    public int MeasureText(string text) => XTextCounter.Measure(text);

    /// <inheritdoc />
    public IReadOnlyList<string> Check(RenderedPost post) => [.. Diagnose(post).Select(p => p.Text)];

    /// <inheritdoc />
    public IReadOnlyList<PostProblem> Diagnose(RenderedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var name = ("platform", (object)"X");
        var problems = new List<PostProblem>();
        if (string.IsNullOrWhiteSpace(post.Text) && post.Media.Count == 0)
        {
            problems.Add(PostProblem.Coded(PostProblemCodes.Empty, "An X post needs text or at least one photo.", name));
        }

        var length = MeasureText(post.Text ?? string.Empty);
        if (length > Limits.MaxTextLength)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TextTooLong,
                $"The text is {length} characters long as X counts them (links count 23, emoji and most non-Latin characters 2); X allows {Limits.MaxTextLength}.",
                ("length", length),
                ("max", Limits.MaxTextLength),
                name));
        }

        if (post.Media.Count > Limits.MaxPhotos)
        {
            problems.Add(PostProblem.Coded(
                PostProblemCodes.TooManyPhotos, $"X allows at most {Limits.MaxPhotos} photos in one post; this one has {post.Media.Count}.", ("count", post.Media.Count), ("max", Limits.MaxPhotos), name));
        }

        return problems;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials) => XCredentials.Problems(credentials);

    /// <inheritdoc />
    public IReadOnlyList<string> CheckExternalId(string externalId) =>
        UrlSegment.IsDigits(externalId) ? [] : ["externalId must be the X user id: digits only (1 to 32), as the platform shows it."];

    /// <inheritdoc />
    public IReadOnlyList<Uri> AllowedApiBaseUrls => options.ApiBaseUrls();

    /// <inheritdoc />
    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await PublishCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome is PublishOutcome.Published published)
        {
            XLog.Published(logger, request.DeliveryId, request.Account.Id, published.RemotePostId);
        }
        else
        {
            XLog.NotPublished(logger, request.DeliveryId, request.Account.Id, outcome.GetType().Name, Reason(outcome));
        }

        return outcome;
    }

    /// <inheritdoc />
    public async Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckExternalId(request.Account.ExternalId) is [var badId, ..])
        {
            return new PublishOutcome.Failed(badId);
        }

        var baseUrl = BaseUrl(request.Account);
        var auth = await authorizer.AuthorizeAsync(request.Account, baseUrl, cancellationToken).ConfigureAwait(false);
        if (auth.Failure is not null)
        {
            return auth.Failure;
        }

        var (outcome, seen) = await XPublishedPostFinder.FindAsync(Api(auth.Authorization!), baseUrl, request, cancellationToken).ConfigureAwait(false);
        if (outcome is PublishOutcome.Published found)
        {
            XLog.FoundPublished(logger, request.DeliveryId, request.Account.Id, found.RemotePostId);
        }
        else if (outcome is null)
        {
            XLog.NotFound(logger, request.DeliveryId, request.Account.Id, seen);
        }

        return outcome;
    }

    /// <summary><c>DELETE /2/tweets/:id</c> with the account's user context (OAuth 1.0a or an OAuth 2.0 user token).</summary>
    public async Task<RemovalOutcome> RemoveAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!UrlSegment.IsDigits(platformPostId))
        {
            return new RemovalOutcome.CannotRemove($"'{platformPostId}' is not an X post id (digits only).");
        }

        var baseUrl = BaseUrl(account);
        var auth = await authorizer.AuthorizeAsync(account, baseUrl, cancellationToken).ConfigureAwait(false);
        var outcome = auth.Failure is not null
            ? RemovalOutcome.FromFailure(auth.Failure)
            : await XPostRemover.DeleteAsync(Api(auth.Authorization!), baseUrl, platformPostId, cancellationToken).ConfigureAwait(false);
        XLog.Removal(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>The post's <c>public_metrics</c>, with the account's user context.</summary>
    public async Task<ReadOutcome> ReadMetricsAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!UrlSegment.IsDigits(platformPostId))
        {
            return new ReadOutcome.Failed($"'{platformPostId}' is not an X post id (digits only).");
        }

        var baseUrl = BaseUrl(account);
        var auth = await authorizer.AuthorizeAsync(account, baseUrl, cancellationToken).ConfigureAwait(false);
        var outcome = auth.Failure is not null
            ? ReadOutcome.FromFailure(auth.Failure)
            : await XEngagement.ReadMetricsAsync(Api(auth.Authorization!), baseUrl, platformPostId, cancellationToken).ConfigureAwait(false);
        XLog.MetricsRead(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    /// <inheritdoc />
    public MetricKind KindOf(string metricName) => XEngagement.KindOf(metricName);

    /// <summary>The account's posts since <paramref name="since"/> (<c>GET /2/users/:id/tweets</c>).</summary>
    public async Task<ReadOutcome> ReadRecentPostsAsync(ChannelAccount account, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (CheckExternalId(account.ExternalId) is [var badId, ..])
        {
            return new ReadOutcome.Failed(badId);
        }

        var baseUrl = BaseUrl(account);
        var auth = await authorizer.AuthorizeAsync(account, baseUrl, cancellationToken).ConfigureAwait(false);
        return auth.Failure is not null
            ? ReadOutcome.FromFailure(auth.Failure)
            : await XEngagement.ReadRecentAsync(Api(auth.Authorization!), baseUrl, account.ExternalId, since, limit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PublishOutcome> PublishCoreAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var problems = Check(request.Post).Concat(CheckExternalId(request.Account.ExternalId)).ToList();
        if (problems.Count > 0)
        {
            return new PublishOutcome.Failed(string.Join(" ", problems));
        }

        var baseUrl = BaseUrl(request.Account);
        var auth = await authorizer.AuthorizeAsync(request.Account, baseUrl, cancellationToken).ConfigureAwait(false);
        if (auth.Failure is not null)
        {
            return auth.Failure;
        }

        var api = Api(auth.Authorization!);
        var uploadBase = request.Account.ApiBaseUrl ?? options.UploadBaseUrl ?? options.BaseUrl;
        var (mediaIds, failure) = await uploader.UploadAllAsync(api, uploadBase, request, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        return await XPostPublisher.PostAsync(api, baseUrl, request.Post.Text, mediaIds, cancellationToken).ConfigureAwait(false);
    }

    private XApi Api(XAuthorization authorization) =>
        new(httpClientFactory.CreateClient(XAdapterOptions.HttpClientName), authorization, timeProvider, options);

    private Uri BaseUrl(ChannelAccount account) => account.ApiBaseUrl ?? options.BaseUrl;

    private static string Reason(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Transient t => t.Reason,
        PublishOutcome.RateLimited r => $"{r.Reason} (until {r.Until:O})",
        PublishOutcome.NeedsReauthorization n => n.Reason,
        PublishOutcome.Failed f => f.Reason,
        PublishOutcome.Unknown u => u.Reason,
        _ => string.Empty,
    };
}
