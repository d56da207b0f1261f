namespace Broker.Adapters;

/// <summary>An account the person who consented may add to the broker, with the credentials to publish to it.</summary>
public sealed record ConnectableAccount
{
    /// <summary>The platform of the account (a Facebook Login finds <c>facebook</c> Pages and <c>instagram</c> accounts).</summary>
    public required string Platform { get; init; }

    /// <summary>The platform's id: the Page id, the Instagram user id or the X user id.</summary>
    public required string ExternalId { get; init; }

    /// <summary>A name a person recognises (the Page's name, <c>@username</c>).</summary>
    public required string Name { get; init; }

    /// <summary>How the account was found, for the person choosing (e.g. "linked to the Page Dinas Kesehatan").</summary>
    public string? Description { get; init; }

    /// <summary>The credentials, with the field names the platform's adapter expects. Never log them.</summary>
    public required IReadOnlyDictionary<string, string> Credentials { get; init; }

    /// <summary>
    /// The API host this account must be called on, when it differs from the platform's configured one. It must be one
    /// of the <see cref="IChannelAdapter.AllowedApiBaseUrls"/> of <see cref="Platform"/>'s adapter, or the broker drops
    /// the account from the offer.
    /// </summary>
    public Uri? ApiBaseUrl { get; init; }

    /// <summary>Never prints the credentials.</summary>
    public override string ToString() => $"ConnectableAccount {{ Platform = {Platform}, ExternalId = {ExternalId}, Name = {Name} }}";
}
