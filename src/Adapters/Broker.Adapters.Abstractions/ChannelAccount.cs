namespace Broker.Adapters;

/// <summary>The account a post goes to, with what the adapter needs to reach it.</summary>
public sealed record ChannelAccount
{
    /// <summary>The broker's id of the account.</summary>
    public required string Id { get; init; }

    /// <summary>The platform's id: the Page id, the Instagram user id or the X user id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The decrypted credentials (field names as the platform's adapter defines them). Never log them.</summary>
    public required IReadOnlyDictionary<string, string> Credentials { get; init; }

    /// <summary>
    /// A base URL that overrides the platform's configured one for this account, if any. The broker passes only base
    /// URLs listed in <see cref="IChannelAdapter.AllowedApiBaseUrls"/>.
    /// </summary>
    public Uri? ApiBaseUrl { get; init; }

    /// <summary>
    /// Stores replaced credentials (a refreshed OAuth 2.0 token pair) durably. Adapters must call it, and let it
    /// complete, before they use the new credentials, because refresh tokens are single-use.
    /// </summary>
    public required Func<IReadOnlyDictionary<string, string>, CancellationToken, Task> SaveCredentialsAsync { get; init; }
}
