using Broker.Sandbox.State;

namespace Broker.Sandbox;

/// <summary>A started sandbox. Dispose to stop it.</summary>
public sealed class RunningSandbox(WebApplication app, Uri baseUrl, SandboxState state) : IAsyncDisposable
{
    /// <summary>The bound address (e.g. http://127.0.0.1:40123). Note <see cref="Uri.ToString"/> adds a "/"; use <see cref="Address"/> to concatenate.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The bound address as a string with no trailing slash.</summary>
    public string Address => BaseUrl.GetLeftPart(UriPartial.Authority);

    public SandboxState State { get; } = state;

    /// <summary>The stand-in API hosts a sandbox at <paramref name="address"/> serves: Graph, Instagram Login's Graph, X and a WordPress site.</summary>
    public static IReadOnlyList<Uri> ApiBaseUrls(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var root = address.TrimEnd('/');
        return [new(root + "/graph"), new(root + "/instagram"), new(root + "/x"), new(root + "/wordpress")];
    }

    /// <summary>
    /// The settings that point a broker at this sandbox instead of the platforms (API hosts, login pages, sandbox app
    /// credentials), with loopback allowed and the broker's own built-in sandbox off. The test host and the soak tool
    /// start from these and add their own.
    /// </summary>
    public Dictionary<string, string?> BrokerSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sandbox:Enabled"] = "false",
        ["Platforms:AllowLoopback"] = "true", // the sandbox is on loopback, and a broker pointed at it runs outside Development
        ["Platforms:Facebook:BaseUrl"] = GraphBaseUrl.ToString(),
        ["Platforms:Instagram:BaseUrl"] = GraphBaseUrl.ToString(),
        ["Platforms:X:BaseUrl"] = XBaseUrl.ToString(),
        ["Platforms:X:UploadBaseUrl"] = XBaseUrl.ToString(),
        ["Platforms:Facebook:AppId"] = "sandbox-facebook-app",
        ["Platforms:Facebook:AppSecret"] = "sandbox-facebook-secret",
        ["Platforms:Facebook:LoginBaseUrl"] = FacebookWebUrl.ToString(),
        ["Platforms:Instagram:AppId"] = "sandbox-instagram-app",
        ["Platforms:Instagram:AppSecret"] = "sandbox-instagram-secret",
        ["Platforms:Instagram:LoginBaseUrl"] = InstagramWebUrl.ToString(),
        ["Platforms:Instagram:TokenBaseUrl"] = InstagramApiUrl.ToString(),
        ["Platforms:Instagram:LoginGraphBaseUrl"] = InstagramBaseUrl.ToString(),
        ["Platforms:X:ClientId"] = "sandbox-x-client",
        ["Platforms:X:AuthorizeUrl"] = XWebUrl + "/oauth2/authorize",
    };

    /// <summary>Stand-in for https://graph.facebook.com (append /v25.0).</summary>
    public Uri GraphBaseUrl => new(Address + "/graph");

    /// <summary>Stand-in for https://graph.instagram.com.</summary>
    public Uri InstagramBaseUrl => new(Address + "/instagram");

    /// <summary>Stand-in for https://api.x.com.</summary>
    public Uri XBaseUrl => new(Address + "/x");

    /// <summary>Stand-in for one WordPress site's base URL (its REST API is at /wp-json/wp/v2 under it).</summary>
    public Uri WordPressBaseUrl => new(Address + "/wordpress");

    /// <summary>Stand-in for https://www.facebook.com (Facebook Login's dialog: append /v25.0/dialog/oauth).</summary>
    public Uri FacebookWebUrl => new(Address + "/facebook");

    /// <summary>Stand-in for https://www.instagram.com (Instagram Login's dialog: append /oauth/authorize).</summary>
    public Uri InstagramWebUrl => new(Address + "/instagram-web");

    /// <summary>Stand-in for https://api.instagram.com (Instagram Login's code exchange: append /oauth/access_token).</summary>
    public Uri InstagramApiUrl => new(Address + "/instagram-api");

    /// <summary>Stand-in for https://x.com/i (X's OAuth 2.0 dialog: append /oauth2/authorize).</summary>
    public Uri XWebUrl => new(Address + "/x-web/i");

    /// <summary>Stand-in for https://api.telegram.org: the Bot API lives at the root (<c>/bot{token}/sendMessage</c>).</summary>
    public Uri TelegramBaseUrl => new(Address);

    /// <summary>The sandbox's Telegram bot: the token it answers to, and what it received.</summary>
    public Telegram.TelegramBot Telegram => app.Services.GetRequiredService<Telegram.TelegramBot>();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
