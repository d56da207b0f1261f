using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>Publishes photo and carousel posts to Instagram professional accounts.</summary>
internal sealed class InstagramAdapter(
    IHttpClientFactory httpClientFactory,
    InstagramOptions options,
    InstagramTokenRefresher tokens,
    TimeProvider time,
    ILogger<InstagramAdapter> logger) : IChannelAdapter, IPostRemover, IPostMetricsReader, IRecentPostsReader
{
    public const string HttpClientName = "instagram";

    private readonly InstagramEngagement engagement = new(new GraphInsights(InstagramErrorClassifier.Table, options.RateLimitWait), time);

    public string Platform => "instagram";

    public PlatformLimits Limits { get; } = new(InstagramPostRules.MaxCaptionLength, InstagramPostRules.MinPhotos, InstagramPostRules.MaxPhotos);

    public PreviewDescriptor Preview { get; } = new()
    {
        Label = "Instagram",
        Layout = PreviewLayout.PhotoFirst,
        ImageAspect = PreviewImageAspect.Square,
        PhotosShown = InstagramPostRules.MaxPhotos,
    };

    public string? DefaultTemplate { get; } = EmbeddedText.Read(typeof(InstagramAdapter).Assembly, "Broker.Adapters.Instagram.instagram.sbn");

    public int MeasureText(string text) => GraphText.CountCharacters(text);

    public IReadOnlyList<string> Check(RenderedPost post) => [.. Diagnose(post).Select(p => p.Text)];

    public IReadOnlyList<PostProblem> Diagnose(RenderedPost post) => InstagramPostRules.Check(post);

    public IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials)
    {
        var problems = GraphRegistration.CheckAccessToken(credentials, "Instagram").ToList();
        if (credentials.TryGetValue(InstagramCredentialKeys.AccessTokenExpiresAt, out var expiry) && GraphLogin.ParseExpiry(expiry) is null)
        {
            problems.Add($"The {InstagramCredentialKeys.AccessTokenExpiresAt} field of the Instagram account is not an ISO-8601 date and time.");
        }

        return problems;
    }

    public IReadOnlyList<string> CheckExternalId(string externalId) => GraphRegistration.CheckDigitsId(externalId, "Instagram user id");

    public IReadOnlyList<Uri> AllowedApiBaseUrls => options.ApiBaseUrls();

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PublishOutcome outcome;
        if (request.Post.Media.Count is < InstagramPostRules.MinPhotos or > InstagramPostRules.MaxPhotos)
        {
            outcome = new PublishOutcome.Failed($"An Instagram post needs 1 to {InstagramPostRules.MaxPhotos} photos; this one has {request.Post.Media.Count}.");
        }
        else
        {
            var (publication, failure) = await StartAsync(request, cancellationToken);
            outcome = publication is null ? failure! : await publication.PublishAsync(cancellationToken);
        }

        if (outcome is PublishOutcome.Published published)
        {
            InstagramLog.Published(logger, request.DeliveryId, request.Account.Id, published.RemotePostId);
        }
        else
        {
            InstagramLog.NotPublished(logger, request.DeliveryId, request.Account.Id, outcome.GetType().Name, GraphOutcomes.ReasonOf(outcome));
        }

        return outcome;
    }

    public async Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (publication, failure) = await StartAsync(request, cancellationToken);
        return publication is null ? failure : await publication.FindPublishedAsync(cancellationToken);
    }

    /// <summary>
    /// <c>DELETE /{ig-media-id}</c>. Meta's IG Media reference lists deleting as unsupported, while accounts connected
    /// through Facebook Login have been seen to allow it (platforms.md): the call is tried, and "unsupported" (code 100,
    /// subcode 33) means a person removes the post by hand, at its permalink.
    /// </summary>
    public async Task<RemovalOutcome> RemoveAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (token, refresh) = await tokens.TokenForAsync(account, cancellationToken);
        if (token is null)
        {
            return new RemovalOutcome.NeedsReauthorization(refresh is CredentialRefresh.NeedsReauthorization dead ? dead.Reason : "The Instagram account has no working token.");
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(account), token);
        var outcome = await GraphRemovals.DeleteAsync(
            api, platformPostId, InstagramErrorClassifier.Table, IsUnsupported, time.GetUtcNow(), options.RateLimitWait, cancellationToken);
        InstagramLog.Removal(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    /// <summary>The media's insights (<see cref="InstagramEngagement"/>).</summary>
    public async Task<ReadOutcome> ReadMetricsAsync(ChannelAccount account, string platformPostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (api, failure) = await ApiAsync(account, cancellationToken);
        if (api is null)
        {
            return failure!;
        }

        var outcome = await engagement.ReadMetricsAsync(api, platformPostId, m => InstagramLog.MetricSkipped(logger, account.Id, m), cancellationToken);
        InstagramLog.MetricsRead(logger, account.Id, platformPostId, outcome.GetType().Name);
        return outcome;
    }

    public MetricKind KindOf(string metricName) => InstagramEngagement.KindOf(metricName);

    /// <summary>The account's media since <paramref name="since"/>.</summary>
    public async Task<ReadOutcome> ReadRecentPostsAsync(ChannelAccount account, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (CheckExternalId(account.ExternalId) is [var badId, ..])
        {
            return new ReadOutcome.Failed(badId);
        }

        var (api, failure) = await ApiAsync(account, cancellationToken);
        return api is null ? failure! : await engagement.ReadRecentAsync(api, account.ExternalId, since, limit, cancellationToken);
    }

    private async Task<(GraphApi? Api, ReadOutcome? Failure)> ApiAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        var (token, refresh) = await tokens.TokenForAsync(account, cancellationToken);
        if (token is null)
        {
            return (null, new ReadOutcome.NeedsReauthorization(refresh is CredentialRefresh.NeedsReauthorization dead ? dead.Reason : "The Instagram account has no working token."));
        }

        return (new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(account), token), null);
    }

    /// <summary>Instagram's "Unsupported delete request" (code 100, subcode 33): its API does not delete this media.</summary>
    internal static bool IsUnsupported(GraphError error) => error.Code == 100 && error.Subcode == 33;

    /// <summary>The attempt with a working token (an Instagram Login token due for renewal is refreshed and stored first).</summary>
    private async Task<(InstagramPublication? Publication, PublishOutcome? Failure)> StartAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (CheckExternalId(request.Account.ExternalId) is [var badId, ..])
        {
            return (null, new PublishOutcome.Failed(badId));
        }

        var (token, refresh) = await tokens.TokenForAsync(request.Account, cancellationToken);
        if (token is null)
        {
            var reason = refresh is CredentialRefresh.NeedsReauthorization dead ? dead.Reason : "The Instagram account has no working token.";
            return (null, new PublishOutcome.NeedsReauthorization(reason));
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(request.Account), token);
        return (new InstagramPublication(api, request, options, time, logger), null);
    }
}
