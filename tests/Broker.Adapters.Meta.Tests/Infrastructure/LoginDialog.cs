using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>Plays the browser: opens a login dialog without following its redirect and reads what it sends back.</summary>
internal static class LoginDialog
{
    public static readonly Uri Callback = new("https://broker.example.go.id/oauth/callback/meta");

    public static async Task<Dictionary<string, string>> OpenAsync(Uri authorizeUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>An account as the broker hands it to an adapter, remembering every credential set it is asked to store.</summary>
    public static ChannelAccount Account(ConnectableAccount found, List<IReadOnlyDictionary<string, string>> saved) => new()
    {
        Id = found.Platform + "-" + found.ExternalId,
        ExternalId = found.ExternalId,
        Credentials = found.Credentials,
        ApiBaseUrl = found.ApiBaseUrl,
        SaveCredentialsAsync = (credentials, _) =>
        {
            saved.Add(credentials);
            return Task.CompletedTask;
        },
    };
}
