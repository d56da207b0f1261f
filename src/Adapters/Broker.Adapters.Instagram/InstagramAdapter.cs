using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>Publishes photo and carousel posts to Instagram professional accounts.</summary>
internal sealed class InstagramAdapter(
    IHttpClientFactory httpClientFactory,
    InstagramOptions options,
    TimeProvider time,
    ILogger<InstagramAdapter> logger) : IChannelAdapter
{
    public const string HttpClientName = "instagram";

    private const string NoToken = "The Instagram account has no access token; a person must reconnect it.";

    public string Platform => "instagram";

    public PlatformLimits Limits { get; } = new(InstagramPostRules.MaxCaptionLength, InstagramPostRules.MinPhotos, InstagramPostRules.MaxPhotos);

    public int MeasureText(string text) => GraphText.CountCharacters(text);

    public IReadOnlyList<string> Check(RenderedPost post) => InstagramPostRules.Check(post);

    public IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials) =>
        GraphRegistration.CheckAccessToken(credentials, "Instagram");

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
            outcome = Start(request) is { } publication
                ? await publication.PublishAsync(cancellationToken)
                : new PublishOutcome.NeedsReauthorization(NoToken);
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
        return Start(request) is { } publication
            ? await publication.FindPublishedAsync(cancellationToken)
            : new PublishOutcome.NeedsReauthorization(NoToken);
    }

    private InstagramPublication? Start(PublishRequest request)
    {
        if (!request.Account.Credentials.TryGetValue("accessToken", out var token) || string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var api = new GraphApi(httpClientFactory.CreateClient(HttpClientName), options.VersionedBaseFor(request.Account), token);
        return new InstagramPublication(api, request, options, time, logger);
    }
}
