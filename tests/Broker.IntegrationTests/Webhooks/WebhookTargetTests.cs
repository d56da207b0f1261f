using System.Net;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Broker.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Webhooks;

/// <summary>A webhook target is a URL a user gives and the broker calls: it must not become a way into the broker's own network.</summary>
public sealed class WebhookTargetTests
{
    private static readonly string[] Refused =
    [
        "http://portal.example.go.id/hook", // plain http to a host not in Webhooks:HttpAllowedHosts
        "https://127.0.0.1/hook", // loopback, not in Webhooks:AllowedAddresses
        "https://127.1.2.3:8443/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook", // loopback dressed as IPv6
        "https://localhost/hook",
        "https://api.localhost/hook",
        "https://10.0.0.5/hook", // private
        "https://172.16.3.4/hook",
        "https://192.168.1.1/hook",
        "https://[fd00::1]/hook",
        "https://169.254.169.254/latest/meta-data/", // link-local: the cloud metadata service
        "https://[fe80::1]/hook",
        "https://100.64.0.1/hook", // shared address space
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook", // multicast
        "https://user:rahasia@portal.example.go.id/hook", // credentials in the URL
        "https://portal.example.go.id/hook#bagian",
        "ftp://portal.example.go.id/hook", // other schemes
        "file:///etc/passwd",
        "gopher://portal.example.go.id/hook",
        "javascript:alert(1)",
        "/relative/hook",
        "",
    ];

    [Fact]
    public async Task Targets_inside_the_network_with_credentials_or_other_schemes_are_refused_when_saved_naming_the_url()
    {
        await using var scenario = await Scenario.StartAsync();

        foreach (var url in Refused)
        {
            var (response, body) = await scenario.Api.PostAsync("/api/webhooks", new { url });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{url}' was answered {(int)response.StatusCode}");
            Assert.True(body!["errors"]?["url"] is not null, $"'{url}' was refused without naming url: {body}");
        }

        var (unknownType, problem) = await scenario.Api.PostAsync("/api/webhooks", new { url = "https://portal.example.go.id/hook", eventTypes = new[] { "item.exploded" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.NotNull(problem!["errors"]!["eventTypes"]);
        var (weakSecret, secretProblem) = await scenario.Api.PostAsync("/api/webhooks", new { url = "https://portal.example.go.id/hook", secret = "whsec_c2hvcnQ=" });
        Assert.Equal(HttpStatusCode.BadRequest, weakSecret.StatusCode);
        Assert.NotNull(secretProblem!["errors"]!["secret"]);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/webhooks")).AsArray());
        await scenario.Api.PostExpectAsync("/api/webhooks", new { url = "https://portal.example.go.id/hook", secret = Broker.Webhooks.WebhookSecrets.Generate() }, 201);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_when_sending_is_not_connected_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await Scenario.StartAsync(
            configure: s => s["Webhooks:HttpAllowedHosts:0"] = "rebind.example.go.id",
            services: s => s.AddSingleton<IWebhookResolver>(new Rebinding(IPAddress.Loopback)));
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var url = new UriBuilder(receiver.Url()) { Host = "rebind.example.go.id" }.Uri;
        var (webhook, _) = await WebhookDeliveryTests.SubscribeAsync(scenario.Api, url, EventTypes.ItemSubmitted);

        await scenario.SubmitItemAsync("diskominfo", [account]);

        var log = await WebhookDeliveryTests.LogAsync(scenario.Api, webhook, m => m.Count == 1 && m[0]!["attempts"]!.AsArray().Count == 1, "the refused attempt");
        var attempt = log["messages"]![0]!["attempts"]![0]!;
        Assert.Null(attempt["statusCode"]);
        Assert.Contains("Target refused: 'rebind.example.go.id' resolves to 127.0.0.1", attempt.Str("error"), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    /// <summary>DNS that answers what the test says: a public-looking name that points inside.</summary>
    private sealed class Rebinding(IPAddress address) : IWebhookResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { address });
    }
}
