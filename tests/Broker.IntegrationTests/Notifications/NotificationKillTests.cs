#if !ON_POSTGRESQL // a separate process on its own LiteDB file; the outbox on PostgreSQL is covered by the store contract
using System.Net.Http.Headers;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Notifications;

/// <summary>
/// Notifications ride on the outbox across a crash: the broker is killed (SIGKILL) right after committing item
/// submissions, before it could notify the editors of them; restarted, it notifies each editor of each item once. The one
/// message that may be in flight at the kill (sent, its record not yet written) goes again under the same Message-ID.
/// </summary>
public sealed class NotificationKillTests(ITestOutputHelper output)
{
    private const int Items = 8;

    [Fact]
    public async Task Submissions_committed_just_before_a_sigkill_reach_each_editor_once_after_the_restart()
    {
        using var smtp = SmtpCatcher.Start();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("broker-notification-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
        {
            ["Broker__PublicBaseUrl"] = "https://broker.kota.example.go.id",
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__Smtp__From"] = "broker@kota.example.go.id",
            ["Notifications__PollInterval"] = "00:00:00.100",
            ["Notifications__SendTimeout"] = "00:00:02", // a send claimed when killed is taken again after twice this
        });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(1, 920000);
            string[] editors = ["redaksi@kota.example.go.id", "redaksi2@kota.example.go.id"];
            await SavePreferencesAsync(api, editors[0]);
            using var second = await ClientOfNewUserAsync(broker, new { name = "Redaksi Dua", role = "editor" });
            await SavePreferencesAsync(second, editors[1]);
            using var submitter = await ClientOfNewUserAsync(broker, new { name = "Admin Diskominfo", role = "opdAdmin", opd = "diskominfo" });

            // Submitted by the OPD's admin: the submitter is not told of their own submission, both editors are.
            var titles = Enumerable.Range(0, Items).Select(i => $"Kabar-{i:D2}-kota").ToList();
            foreach (var title in titles)
            {
                await submitter.PostExpectAsync("/api/items", new { opd = "diskominfo", title, body = $"Isi {title}.", accountIds = pages }, 201);
            }

            await broker.KillAsync();
            var beforeRestart = smtp.ReceivedIds.Count;
            await broker.StartAsync();

            var received = await Eventually.WaitAsync(
                () => Task.FromResult(smtp.ReceivedIds),
                r => editors.All(to => titles.All(title => r.Any(m => m.To == to && m.Subject.Contains(title, StringComparison.Ordinal)))),
                "every editor told of every submission",
                TimeSpan.FromSeconds(60));
            output.WriteLine($"messages {Items * editors.Length}, sent before the kill {beforeRestart}, emails {received.Count}");
            foreach (var to in editors)
            {
                foreach (var title in titles)
                {
                    var copies = received.Where(m => m.To == to && m.Subject.Contains(title, StringComparison.Ordinal)).ToList();
                    Assert.Single(copies.Select(m => m.MessageId).Distinct());
                    Assert.NotEqual(string.Empty, copies[0].MessageId);
                }
            }

            Assert.InRange(received.Count, Items * editors.Length, (Items * editors.Length) + 1); // at most the one in flight, again
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpClient> ClientOfNewUserAsync(BrokerProcess broker, object user)
    {
        var made = await broker.Client.PostExpectAsync("/api/users", user, 201);
        var client = new HttpClient { BaseAddress = broker.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", made.Str("token"));
        return client;
    }

    private static async Task SavePreferencesAsync(HttpClient client, string email)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/notifications/preferences", new { email });
        Assert.True(response.IsSuccessStatusCode, $"saving preferences answered {(int)response.StatusCode}: {body}");
    }
}
#endif
