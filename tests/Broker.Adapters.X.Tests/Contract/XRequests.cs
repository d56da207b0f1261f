using Broker.Adapters.X.Auth;

namespace Broker.Adapters.X.Tests.Contract;

/// <summary>Builds accounts, posts and publish requests for the contract tests.</summary>
internal static class XRequests
{
    public const string UserId = "1500000000000000042";

    public static Dictionary<string, string> OAuth1Credentials(string token = $"{UserId}-sandboxtoken") => new()
    {
        [XCredentialKeys.ConsumerKey] = "sandbox-consumer-key",
        [XCredentialKeys.ConsumerSecret] = "sandbox consumer secret!",
        [XCredentialKeys.AccessToken] = token,
        [XCredentialKeys.AccessTokenSecret] = "sandbox-token-secret",
    };

    public static ChannelAccount Account(
        IReadOnlyDictionary<string, string> credentials,
        string externalId = UserId,
        Func<IReadOnlyDictionary<string, string>, CancellationToken, Task>? save = null) => new()
        {
            Id = "account-x-1",
            ExternalId = externalId,
            Credentials = credentials,
            SaveCredentialsAsync = save ?? ((_, _) => Task.CompletedTask),
        };

    public static PublishRequest Request(ChannelAccount account, string text, IReadOnlyList<MediaFile>? media = null, IDeliveryProgress? progress = null, DateTimeOffset? firstAttempt = null) => new()
    {
        DeliveryId = "delivery-" + Guid.NewGuid().ToString("N"),
        Attempt = 1,
        FirstAttemptAt = firstAttempt ?? DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()),
        Account = account,
        Post = new RenderedPost { Text = text, Media = media ?? [] },
        Progress = progress ?? new InMemoryProgress(),
    };

    public static MediaFile Photo(string id, byte[] bytes, string contentType = "image/jpeg") => new()
    {
        Id = id,
        ContentType = contentType,
        Length = bytes.Length,
        Width = 800,
        Height = 600,
        PublicUrl = new Uri($"https://portal.example.go.id/media/{id}"),
        OpenReadAsync = _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
    };
}
