namespace Broker.Adapters;

/// <summary>
/// Publishes rendered posts to one platform. One instance serves every account of that platform,
/// so implementations must be thread-safe and keep no per-account state in fields.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The platform's name as the API and the configuration spell it, in lower case (e.g. <c>facebook</c>).</summary>
    string Platform { get; }

    /// <summary>The platform's limits on a post, for previews and approval.</summary>
    PlatformLimits Limits { get; }

    /// <summary>The length of <paramref name="text"/> as the platform counts it against <see cref="PlatformLimits.MaxTextLength"/>.</summary>
    int MeasureText(string text);

    /// <summary>Every way <paramref name="post"/> breaks the platform's rules, as sentences a person can act on; empty when it can be published.</summary>
    IReadOnlyList<string> Check(RenderedPost post);

    /// <summary>
    /// <see cref="Check"/> with a stable code and its arguments beside each sentence (<see cref="PostProblemCodes"/>), so
    /// the broker words each problem in the reader's language. The default gives <see cref="Check"/>'s sentences without
    /// codes, which the broker shows as they are; a plugin that implements this should make <see cref="Check"/> its texts.
    /// </summary>
    IReadOnlyList<PostProblem> Diagnose(RenderedPost post) => [.. Check(post).Select(text => new PostProblem(text))];

    /// <summary>Every problem with the credentials given for an account of this platform (missing or malformed fields); empty when they look usable.</summary>
    IReadOnlyList<string> CheckCredentials(IReadOnlyDictionary<string, string> credentials);

    /// <summary>
    /// Every problem with <paramref name="externalId"/> as this platform's id of an account (for example "Page ids are
    /// digits"); empty when it has the platform's form. The broker asks when an account is created or connected, and
    /// refuses ids with a problem. Adapters must still escape the id wherever they put it into a URL.
    /// </summary>
    IReadOnlyList<string> CheckExternalId(string externalId) => [];

    /// <summary>
    /// The API base URLs an account of this platform may be called on (<see cref="ChannelAccount.ApiBaseUrl"/>): the
    /// platform's configured hosts and any the operator added in configuration. The broker refuses every other base URL,
    /// when an account is created and again before it hands an account to the adapter, so an account's credentials can
    /// only go to these hosts. The first is the host accounts without a base URL of their own are called on. Empty (the
    /// default): accounts may not override the adapter's configured host.
    /// </summary>
    IReadOnlyList<Uri> AllowedApiBaseUrls => [];

    /// <summary>
    /// How the review page draws a post of this channel. The default is a plain social post under
    /// <see cref="Platform"/>'s name.
    /// </summary>
    PreviewDescriptor Preview => PreviewDescriptor.For(Platform);

    /// <summary>
    /// The Scriban template of this channel's posts, shipped inside the plugin (read it with
    /// <see cref="EmbeddedText.Read"/>); <c>null</c> when the plugin ships none. The broker uses
    /// <c>templates/{platform}.sbn</c> (or an OPD's own <c>templates/opd/{code}/{platform}.sbn</c>) when the operator put
    /// one there, and this one otherwise. The model: <c>title</c>, <c>body</c>, <c>link</c>, <c>opd_code</c>,
    /// <c>opd_name</c>, <c>account_name</c>, <c>platform</c>, <c>photo_count</c>, <c>event_ended_at</c>.
    /// </summary>
    string? DefaultTemplate => null;

    /// <summary>
    /// Publishes the post. Never throws for what the platform answered: every answer, and every network failure,
    /// maps to one <see cref="PublishOutcome"/>. A call whose outcome is not known must return
    /// <see cref="PublishOutcome.Unknown"/>, never a retryable outcome.
    /// </summary>
    Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Looks on the account for a post an earlier attempt of the same delivery may already have made (after an
    /// <see cref="PublishOutcome.Unknown"/> or a crash). Returns <see cref="PublishOutcome.Published"/> when found,
    /// <c>null</c> when the platform shows that no such post exists, and any other outcome when it could not tell.
    /// </summary>
    Task<PublishOutcome?> FindPublishedAsync(PublishRequest request, CancellationToken cancellationToken);
}
