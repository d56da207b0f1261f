using System.Text.Json.Nodes;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Notifications;

/// <summary>
/// A broker whose email goes to an SMTP catcher on loopback and whose Telegram bot is the sandbox's, with an OPD
/// (<c>dinkes</c>) that has a Facebook account, and people of every role with their notification settings.
/// </summary>
public sealed class NotificationWorld : IAsyncDisposable
{
    public const string PublicBase = "https://broker.kota.example.go.id";

    private NotificationWorld(Scenario scenario, SmtpCatcher? smtp)
    {
        Scenario = scenario;
        Smtp = smtp;
    }

    public Scenario Scenario { get; }

    public SmtpCatcher? Smtp { get; }

    public HttpClient Editor => Scenario.Api;

    public string EditorId { get; private set; } = "";

    public static async Task<NotificationWorld> StartAsync(
        TimeProvider? time = null, bool smtpDown = false, Action<Dictionary<string, string?>>? configure = null)
    {
        var smtp = smtpDown ? null : SmtpCatcher.Start();
        var port = smtp?.Port ?? SmtpCatcher.FreePort();
        var scenario = await Scenario.StartAsync(time, settings =>
        {
            settings["Broker:PublicBaseUrl"] = PublicBase;
            settings["Notifications:Smtp:Host"] = "127.0.0.1";
            settings["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Notifications:Smtp:Security"] = "None";
            settings["Notifications:Smtp:From"] = "broker@kota.example.go.id";
            settings["Notifications:Telegram:BaseUrl"] = new Uri(settings["Platforms:X:BaseUrl"]!).GetLeftPart(UriPartial.Authority);
            settings["Notifications:Telegram:BotToken"] = new SandboxOptions().TelegramBotToken;
            settings["Notifications:PollInterval"] = "00:00:00.100";
            settings["Notifications:FirstRetryDelay"] = "00:00:00.050";
            settings["Notifications:MaxAttempts"] = "3";
            settings["Notifications:SendTimeout"] = "00:00:05";
            configure?.Invoke(settings);
        });
        var world = new NotificationWorld(scenario, smtp);
        world.EditorId = (await world.Editor.GetJsonAsync("/api/users/me")).Str("id");
        return world;
    }

    /// <summary>Creates a user and saves their notification settings through the API: (id, a client signed in as them).</summary>
    public async Task<(string Id, string Token, HttpClient Client)> PersonAsync(string name, string role, string? opd = null, object? preferences = null, string? nip = null)
    {
        var (id, token) = await Scenario.CreateUserAsync(name, role, opd, nip);
        var client = Scenario.ClientWith(token);
        if (preferences is not null)
        {
            await SavePreferencesAsync(client, preferences);
        }

        return (id, token, client);
    }

    public static async Task SavePreferencesAsync(HttpClient client, object preferences)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/notifications/preferences", preferences);
        Assert.True(response.IsSuccessStatusCode, $"saving preferences answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Hands an event straight to the notifier, as the outbox dispatcher does (for a replay, or an event no flow raises here).</summary>
    public Task HandAsync(DomainEvent domainEvent) =>
        Scenario.Broker.Services.GetServices<IEventConsumer>().Single(c => c.Name == "notifications").HandleAsync(domainEvent, CancellationToken.None);

    public IReadOnlyList<(string To, string Subject, string Body)> Emails => Smtp!.Received;

    public IReadOnlyList<Broker.Sandbox.Telegram.TelegramMessage> TelegramMessages => Scenario.Sandbox.Telegram.Messages(null);

    public static async Task<JsonArray> NotificationsOfAsync(HttpClient client) => (JsonArray)await client.GetJsonAsync("/api/notifications");

    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        Smtp?.Dispose();
    }
}
