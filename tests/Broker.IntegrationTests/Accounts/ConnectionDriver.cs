using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Accounts;

/// <summary>
/// Plays the editor and their browser through an OAuth connection over real HTTP: start on the broker, open the
/// platform's consent page without following its redirect, deliver the redirect to the broker's callback. Keeps
/// every broker answer so a test can check that no token ever appears in one.
/// </summary>
internal sealed class ConnectionDriver(Scenario scenario)
{
    private readonly List<string> answers = [];

    /// <summary>Every body the broker answered so far.</summary>
    public IReadOnlyList<string> Answers => answers;

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> StartAsync(string platform, string opd = "diskominfo") =>
        await KeepAsync(scenario.Api.PostAsync($"/api/accounts/connect/{platform}", new { opd }));

    /// <summary>Opens the authorize URL as a browser that does not follow redirects; returns where the platform sends it.</summary>
    public static async Task<Uri> ConsentAsync(string authorizeUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(new Uri(authorizeUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> CallbackAsync(Uri redirect) =>
        await KeepAsync(scenario.Api.SendAsync(HttpMethod.Get, redirect.GetLeftPart(UriPartial.Query)));

    /// <summary>Start, consent and callback: the connection with the accounts on offer.</summary>
    public async Task<JsonNode> ConnectAsync(string platform, string opd = "diskominfo")
    {
        var (started, body) = await StartAsync(platform, opd);
        Assert.True(started.StatusCode == HttpStatusCode.Created, $"start answered {(int)started.StatusCode}: {body}");
        var (called, connection) = await CallbackAsync(await ConsentAsync(body!.Str("authorizeUrl")));
        Assert.True(called.StatusCode == HttpStatusCode.OK, $"callback answered {(int)called.StatusCode}: {connection}");
        return connection!;
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SelectAsync(string connectionId, params string[] externalIds) =>
        await KeepAsync(scenario.Api.PostAsync($"/api/accounts/connections/{connectionId}/select", new { externalIds }));

    public async Task<JsonNode> GetAsync(string path)
    {
        var (response, body) = await KeepAsync(scenario.Api.SendAsync(HttpMethod.Get, path));
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body!;
    }

    private async Task<(HttpResponseMessage Response, JsonNode? Body)> KeepAsync(Task<(HttpResponseMessage Response, JsonNode? Body)> call)
    {
        var answer = await call;
        answers.Add(answer.Body?.ToJsonString() ?? string.Empty);
        return answer;
    }
}
