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

    /// <summary>Stand-in for https://graph.facebook.com (append /v25.0).</summary>
    public Uri GraphBaseUrl => new(Address + "/graph");

    /// <summary>Stand-in for https://graph.instagram.com.</summary>
    public Uri InstagramBaseUrl => new(Address + "/instagram");

    /// <summary>Stand-in for https://api.x.com.</summary>
    public Uri XBaseUrl => new(Address + "/x");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
