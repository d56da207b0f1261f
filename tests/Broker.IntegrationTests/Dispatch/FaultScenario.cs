using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Broker.Sandbox.State;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>
/// A broker and sandbox with short waits, one account on the platform under test and one item for it: the set-up each
/// end-to-end fault case shares. Waits the platform asks for (rate limits, quota, container polls) and retry backoff are
/// configured down to fractions of a second so the suite stays fast.
/// </summary>
internal sealed class FaultScenario(Scenario scenario, string platform, string account)
{
    /// <summary>The platform's own id of each test account (Page id, Instagram user id, X user id).</summary>
    public static readonly IReadOnlyDictionary<string, string> ExternalIds = new Dictionary<string, string>
    {
        ["facebook"] = "1000001",
        ["instagram"] = "17841400000001",
        ["x"] = "2244994945",
    };

    public Scenario Scenario { get; } = scenario;

    public string Platform { get; } = platform;

    public string Account { get; } = account;

    public string ExternalId => ExternalIds[Platform];

    public SandboxState Sandbox => Scenario.Sandbox.State;

    public static async Task<FaultScenario> StartAsync(string platform, string kind)
    {
        var scenario = await Scenario.StartAsync(configure: s => Configure(s, kind));
        await scenario.CreateOpdAsync();
        var account = await scenario.CreateAccountAsync("diskominfo", platform, ExternalIds[platform]);
        return new FaultScenario(scenario, platform, account);
    }

    /// <summary>The fault for this case: aimed at the test account, answered late enough to pass the client's timeout.</summary>
    public static SandboxFault Fault(string platform, string endpoint, string kind, string? status = null) =>
        new(platform, endpoint, kind, DelayMs: 5_000, Polls: 8, Status: status, Minutes: 0, ResetSeconds: 1, Account: ExternalIds[platform]);

    /// <summary>Submits and approves an item for the account; Instagram, photo endpoints and uploads get a photo.</summary>
    public async Task<string> ApproveItemAsync(string endpoint)
    {
        var photo = Platform == "instagram" || endpoint is "photos" or "media_upload";
        string[] media = photo ? [await Scenario.UploadPhotoAsync()] : [];
        var id = await Scenario.SubmitItemAsync("diskominfo", [Account], media, title: $"Uji {endpoint}", body: $"Berita uji gangguan pada {Platform} {endpoint}.");
        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        return id;
    }

    /// <summary>Whether the sandbox really answered some request with the injected fault (so a case never passes vacuously).</summary>
    public bool FaultWasInjected(string kind) => Sandbox.RequestsFor(Platform).Any(r => r.Fault == kind);

    private static void Configure(Dictionary<string, string?> settings, string kind)
    {
        settings["Delivery:FirstRetryDelay"] = "00:00:00.100";
        settings["Delivery:MaxRetryDelay"] = "00:00:00.500";
        settings["Platforms:Instagram:FirstPollDelay"] = "00:00:00.050";
        settings["Platforms:Instagram:MaxPollDelay"] = "00:00:00.100";
        settings["Platforms:Instagram:QuotaWait"] = "00:00:01";
        foreach (var platform in new[] { "Facebook", "Instagram", "X" })
        {
            settings[$"Platforms:{platform}:RateLimitWait"] = "00:00:01";
            if (kind == FaultKinds.TimeoutAfterStore)
            {
                settings[$"Platforms:{platform}:Http:RequestTimeout"] = "00:00:01";
            }
        }

        // A wait for the platform must not use up an attempt: with one allowed, a burned attempt would fail the delivery.
        if (kind == FaultKinds.RateLimit)
        {
            settings["Delivery:MaxAttempts"] = "1";
        }
    }
}
