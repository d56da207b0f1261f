using System.Text;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Access;

/// <summary>Channel credentials and user tokens never appear in the database file, the logs or any answer.</summary>
public sealed class SecretsTests
{
    private const string PageToken = "EAAB-page-token-7f3a9c51e2";
    private const string NewPageToken = "EAAB-renewed-token-1d84b6";
    private const string ConsumerSecret = "x-consumer-secret-41b2c7";
    private const string TokenSecret = "x-token-secret-8d0e5f";

    [Fact]
    public async Task Credentials_and_tokens_are_not_in_the_database_file_the_logs_or_the_answers()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Logging:LogLevel:Default"] = "Trace");
        await scenario.CreateOpdAsync();
        var answers = new StringBuilder();
        var facebook = await CreateAsync(scenario, answers, new { opd = "diskominfo", platform = "facebook", name = "FB", externalId = "1000001", credentials = new { accessToken = PageToken } });
        var x = await CreateAsync(scenario, answers, new
        {
            opd = "diskominfo",
            platform = "x",
            name = "X",
            externalId = "2244994945",
            credentials = new { consumerKey = "ck", consumerSecret = ConsumerSecret, accessToken = "at", accessTokenSecret = TokenSecret },
        });
        var (reporterId, reporterToken) = await scenario.CreateUserAsync("Rina", "reporter");

        // Publish through both accounts, then make the page token fail (revoked) and replace it.
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook, x]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");
        scenario.Sandbox.State.RevokeToken("facebook", PageToken);
        var second = await scenario.SubmitItemAsync("diskominfo", [facebook], title: "Kedua");
        await scenario.Api.PostExpectAsync($"/api/items/{second}/approve", null, 200);
        await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/accounts/{facebook}"), a => a.Str("status") == "needsReauth", "the account to need re-authorisation");
        var (replaced, replacedBody) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/accounts/{facebook}/credentials", new { credentials = new { accessToken = NewPageToken } });
        answers.Append(replacedBody);
        await scenario.WaitForItemStatusAsync(second, "published");

        foreach (var path in new[] { "/api/accounts", $"/api/accounts/{facebook}", $"/api/accounts/{x}", $"/api/items/{item}", $"/api/items/{second}",
                     "/api/deliveries?status=published,failed,held", "/api/audit", "/api/users", $"/api/items/{item}/preview" })
        {
            answers.Append(await scenario.Api.GetJsonAsync(path));
        }

        await scenario.Broker.StopAsync();
        var files = await scenario.Broker.StoredTextAsync();
        var logs = string.Join('\n', scenario.Broker.Logs.Lines);
        Assert.NotEmpty(scenario.Broker.Logs.Lines);
        Assert.Contains(reporterId, files, StringComparison.Ordinal);

        foreach (var secret in new[] { PageToken, NewPageToken, ConsumerSecret, TokenSecret, reporterToken, BrokerHost.AdminToken })
        {
            Assert.DoesNotContain(secret, files, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, answers.ToString(), StringComparison.Ordinal);
        }
    }

    private static async Task<string> CreateAsync(Scenario scenario, StringBuilder answers, object account)
    {
        var created = await scenario.Api.PostExpectAsync("/api/accounts", account, 201);
        answers.Append(created);
        return created.Str("id");
    }
}
