#if !ON_POSTGRESQL
using Broker.Access;
using Broker.Accounts.Connect;
using Broker.Adapters.Facebook;
using Broker.Adapters.Graph;
using Broker.Adapters.Instagram;
using Broker.Adapters.X;
using Broker.Channels;
using Broker.Cluster;
using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.Engagement;
using Broker.Events;
using Broker.Feeds;
using Broker.Guardrails;
using Broker.Hosting;
using Broker.Notifications;
using Broker.Privacy;
using Broker.Rendering;
using Broker.Reports;
using Broker.Retraction;
using Broker.Sandbox;
using Broker.Scheduling;
using Broker.Sharing;
using Broker.Storage;
using Broker.Telemetry;
using Broker.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Configuration;

/// <summary>Each options class's one validator: the defaults pass, and every bad key is named in one result.</summary>
public sealed class OptionsValidatorTests
{
    private static readonly IHostEnvironment Production = new HostingEnvironment { EnvironmentName = Environments.Production };

    private static readonly IHostEnvironment Development = new HostingEnvironment { EnvironmentName = Environments.Development };

    /// <summary>Each validator with its options as a fresh install has them, and with two (or one) bad settings and the keys they must name.</summary>
    public static TheoryData<string, Func<ValidateOptionsResult>, Func<ValidateOptionsResult>, string[]> Validators => new()
    {
        { "Broker", () => Validate(new BrokerOptionsValidator(Production), new BrokerOptions()), () => Validate(new BrokerOptionsValidator(Production), new BrokerOptions { PublicBaseUrl = "ftp://broker.example.go.id", MaxConcurrentDecodes = 0 }), ["Broker:PublicBaseUrl", "Broker:MaxConcurrentDecodes"] },
        { "DataProtection", () => Validate(new KeyRingOptionsValidator(), new KeyRingOptions()), () => Validate(new KeyRingOptionsValidator(), new KeyRingOptions { KeysPath = " ", CertificatePath = "/nowhere/keys.pfx" }), ["DataProtection:KeysPath", "DataProtection:CertificatePath"] },
        { "Storage", () => Validate(new StorageOptionsValidator(), new StorageOptions()), () => Validate(new StorageOptionsValidator(), new StorageOptions { CheckpointInterval = TimeSpan.Zero, DatabasePath = "" }), ["Storage:CheckpointInterval", "Storage:DatabasePath"] },
        { "Scheduling", () => Validate(new SchedulingOptionsValidator(), new SchedulingOptions()), () => Validate(new SchedulingOptionsValidator(), new SchedulingOptions { Window = TimeSpan.FromSeconds(5) }), ["Scheduling:Window"] },
        { "Reports", () => Validate(new ReportsOptionsValidator(), new ReportsOptions()), () => Validate(new ReportsOptionsValidator(), new ReportsOptions { StaleAfterDays = 0, MaxPeriodDays = 0, PublishWithin = TimeSpan.FromSeconds(7230) }), ["Reports:StaleAfterDays", "Reports:PublishWithin", "Reports:MaxPeriodDays"] },
        { "Events", () => Validate(new EventsOptionsValidator(), new EventsOptions()), () => Validate(new EventsOptionsValidator(), new EventsOptions { PollInterval = TimeSpan.Zero, BatchSize = 0 }), ["Events:PollInterval", "Events:BatchSize"] },
        { "Access", () => Validate(new AccessOptionsValidator(), new AccessOptions()), () => Validate(new AccessOptionsValidator(), new AccessOptions { TokenLifetime = TimeSpan.Zero, MaxRequestBodyBytes = 1 }), ["Access:TokenLifetime", "Access:MaxRequestBodyBytes"] },
        { "ForwardedHeaders", () => Validate(new ProxyOptionsValidator(), new ProxyOptions()), () => Validate(new ProxyOptionsValidator(), new ProxyOptions { KnownProxies = ["proxy"], KnownNetworks = ["10.0.0.0/99"] }), ["ForwardedHeaders:KnownProxies", "ForwardedHeaders:KnownNetworks"] },
        { "Adapters", () => Validate(new AdaptersOptionsValidator(), new AdaptersOptions { Assemblies = ["Broker.Adapters.Facebook"] }), () => Validate(new AdaptersOptionsValidator(), new AdaptersOptions { Assemblies = ["Broker.Adapters.Facebook", "plugins/Foo.dll"] }), ["Adapters:Assemblies:1"] },
        { "Notifications", () => Validate(new NotificationsOptionsValidator(), new NotificationsOptions()), () => Validate(new NotificationsOptionsValidator(), new NotificationsOptions { DigestHour = 24, Smtp = new() { Port = 0 } }), ["Notifications:DigestHour", "Notifications:Smtp:Port"] },
        { "Health", () => Validate(new HealthOptionsValidator(), new HealthOptions()), () => Validate(new HealthOptionsValidator(), new HealthOptions { MaxStuckPublishing = -1, ProbeInterval = TimeSpan.Zero }), ["Health:MaxStuckPublishing", "Health:ProbeInterval"] },
        { "Telemetry", () => Validate(new TelemetryOptionsValidator(), new TelemetryOptions()), () => Validate(new TelemetryOptionsValidator(), new TelemetryOptions { QueueDepthInterval = TimeSpan.Zero, Otlp = new() { Endpoint = "collector" } }), ["Telemetry:QueueDepthInterval", "Telemetry:Otlp:Endpoint"] },
        { "Sharing", () => Validate(new SharingOptionsValidator(), new SharingOptions()), () => Validate(new SharingOptionsValidator(), new SharingOptions { ClickBatchSize = 0, LinkCacheTime = TimeSpan.Zero }), ["Sharing:ClickBatchSize", "Sharing:LinkCacheTime"] },
        { "Delivery:CircuitBreaker", () => Validate(new CircuitBreakerOptionsValidator(), new CircuitBreakerOptions()), () => Validate(new CircuitBreakerOptionsValidator(), new CircuitBreakerOptions { FailureThreshold = -1, BreakDuration = TimeSpan.Zero }), ["Delivery:CircuitBreaker:FailureThreshold", "Delivery:CircuitBreaker:BreakDuration"] },
        { "Delivery", () => Validate(new DeliveryOptionsValidator(), new DeliveryOptions()), () => Validate(new DeliveryOptionsValidator(), new DeliveryOptions { MaxAttempts = 0, MaxConcurrency = 0 }), ["Delivery:MaxAttempts", "Delivery:MaxConcurrency"] },
        { "Webhooks", () => Validate(new WebhookOptionsValidator(), new WebhookOptions()), () => Validate(new WebhookOptionsValidator(), new WebhookOptions { Timeout = TimeSpan.Zero, AllowedAddresses = ["10.0.0.0/8", "intranet"] }), ["Webhooks:Timeout", "Webhooks:AllowedAddresses:1"] },
        { "Retraction", () => Validate(new RetractionOptionsValidator(), new RetractionOptions()), () => Validate(new RetractionOptionsValidator(), new RetractionOptions { MaxAttempts = 0, ClaimLease = TimeSpan.Zero }), ["Retraction:MaxAttempts", "Retraction:ClaimLease"] },
        { "Privacy", () => Validate(new PrivacyOptionsValidator(), new PrivacyOptions()), () => Validate(new PrivacyOptionsValidator(), new PrivacyOptions { PurgeBatchLinks = 0, ClickRetention = TimeSpan.Zero }), ["Privacy:PurgeBatchLinks", "Privacy:ClickRetention"] },
        { "Guardrails", () => Validate(new GuardrailsOptionsValidator(), new GuardrailsOptions()), () => Validate(new GuardrailsOptionsValidator(), new GuardrailsOptions { ResumeSpacing = TimeSpan.FromSeconds(-1), ResumeCheckInterval = TimeSpan.Zero }), ["Guardrails:ResumeSpacing", "Guardrails:ResumeCheckInterval"] },
        { "AccountConnection", () => Validate(new AccountConnectionOptionsValidator(), new AccountConnectionOptions()), () => Validate(new AccountConnectionOptionsValidator(), new AccountConnectionOptions { StateLifetime = TimeSpan.Zero, RefreshInterval = TimeSpan.FromSeconds(30) }), ["AccountConnection:StateLifetime", "AccountConnection:RefreshInterval"] },
        { "Cluster", () => Validate(new ClusterOptionsValidator(), new ClusterOptions()), () => Validate(new ClusterOptionsValidator(), new ClusterOptions { NodeTimeout = TimeSpan.FromSeconds(10), IdleWaitTime = TimeSpan.Zero }), ["Cluster:NodeTimeout", "Cluster:IdleWaitTime"] },
        { "Engagement", () => Validate(new EngagementOptionsValidator(), new EngagementOptions()), () => Validate(new EngagementOptionsValidator(), new EngagementOptions { ReadAt = [TimeSpan.FromSeconds(30)], NativeLimit = 1 }), ["Engagement:ReadAt", "Engagement:NativeLimit"] },
        { "Rendering", () => Validate(new RenderingOptionsValidator(), new RenderingOptions()), () => Validate(new RenderingOptionsValidator(), new RenderingOptions { TimeZone = "Mars/Olympus", LoopLimit = 0 }), ["Rendering:TimeZone", "Rendering:LoopLimit"] },
        { "Feeds", () => Validate(new FeedsOptionsValidator(), new FeedsOptions()), () => Validate(new FeedsOptionsValidator(), new FeedsOptions { MaxEntries = 0, AllowedNetworks = ["the office"] }), ["Feeds:MaxEntries", "Feeds:AllowedNetworks:0"] },
        { "Sandbox", () => Validate(new SandboxSettingsValidator(), new SandboxSettings()), () => Validate(new SandboxSettingsValidator(), new SandboxSettings { Url = "localhost", PostsFile = "" }), ["Sandbox:Url", "Sandbox:PostsFile"] },
        { "Platforms:Facebook", () => Validate(new GraphPlatformOptionsValidator<FacebookOptions>(FacebookOptions.Section), new FacebookOptions()), () => Validate(new GraphPlatformOptionsValidator<FacebookOptions>(FacebookOptions.Section), new FacebookOptions { GraphVersion = " ", Http = new() { SafeRetries = -1 } }), ["Platforms:Facebook:GraphVersion", "Platforms:Facebook:Http:SafeRetries"] },
        { "Platforms:Instagram", () => Validate(new GraphPlatformOptionsValidator<InstagramOptions>(InstagramOptions.Section), new InstagramOptions()), () => Validate(new GraphPlatformOptionsValidator<InstagramOptions>(InstagramOptions.Section), new InstagramOptions { QuotaWait = TimeSpan.Zero, Http = new() { RequestTimeout = TimeSpan.Zero } }), ["Platforms:Instagram:QuotaWait", "Platforms:Instagram:Http:RequestTimeout"] },
        { "Platforms:X", () => Validate(new XAdapterOptionsValidator(), new XAdapterOptions()), () => Validate(new XAdapterOptionsValidator(), new XAdapterOptions { UploadChunkBytes = 0, Http = new() { FirstBackoff = TimeSpan.Zero } }), ["Platforms:X:UploadChunkBytes", "Platforms:X:Http:FirstBackoff"] },
    };

    [Theory]
    [MemberData(nameof(Validators))]
    public void Each_validator_accepts_the_defaults_and_names_every_bad_key_at_once(string section, Func<ValidateOptionsResult> defaults, Func<ValidateOptionsResult> bad, string[] keys)
    {
        Assert.True(defaults().Succeeded, $"{section}: {defaults().FailureMessage}");

        var result = bad();

        Assert.True(result.Failed, section);
        Assert.Equal(keys.Length, result.Failures!.Count());
        foreach (var key in keys)
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(key + " ", StringComparison.Ordinal) || failure.StartsWith(key + ": ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_range_problem_names_the_key_the_range_and_the_value()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { CheckpointInterval = TimeSpan.Zero });

        Assert.Equal("Storage:CheckpointInterval must be between 00:00:01 and 01:00:00 (it is 00:00:00).", Assert.Single(result.Failures!));
    }

    [Fact]
    public void A_pause_between_upgrade_steps_is_refused_below_zero_or_above_a_minute()
    {
        Assert.Equal(
            "Storage:UpgradeStepPause must be between 00:00:00 and 00:01:00 (it is -00:00:01).",
            Assert.Single(new StorageOptionsValidator().Validate(null, new StorageOptions { UpgradeStepPause = TimeSpan.FromSeconds(-1) }).Failures!));
        Assert.Single(new StorageOptionsValidator().Validate(null, new StorageOptions { UpgradeStepPause = TimeSpan.FromMinutes(2) }).Failures!);
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions { UpgradeStepPause = TimeSpan.FromMilliseconds(200) }).Succeeded);
    }

    [Theory]
    [InlineData("https://broker.kota.go.id", true)]
    [InlineData("https://broker.kota.go.id/broker", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://broker.kota.go.id", false)]
    [InlineData("https://broker.kota.go.id/?a=1", false)]
    [InlineData("https://broker.kota.go.id/#top", false)]
    [InlineData("https://user:secret@broker.kota.go.id", false)]
    [InlineData("broker.kota.go.id", false)]
    [InlineData("javascript:alert(1)", false)]
    public void In_production_the_public_base_url_is_an_https_address_without_query_or_fragment_unless_on_loopback(string url, bool accepted)
    {
        var result = new BrokerOptionsValidator(Production).Validate(null, new BrokerOptions { PublicBaseUrl = url });

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public void Outside_production_the_public_base_url_may_be_plain_http()
    {
        Assert.True(new BrokerOptionsValidator(Development).Validate(null, new BrokerOptions { PublicBaseUrl = "http://broker.test:5080" }).Succeeded);
    }

    [Fact]
    public void A_certificate_password_without_a_certificate_is_refused_as_a_key_ring_left_unencrypted()
    {
        var result = new KeyRingOptionsValidator().Validate(null, new KeyRingOptions { CertificatePassword = "secret" });

        Assert.StartsWith("DataProtection:CertificatePassword is set but DataProtection:CertificatePath is not", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sandbox_given_bad_settings_in_code_refuses_to_start_naming_each()
    {
        var result = new SandboxOptionsValidator().Validate(null, new SandboxOptions { Url = "https://127.0.0.1:0", XTweetsPerWindow = 0 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.True(new SandboxOptionsValidator().Validate(null, new SandboxOptions()).Succeeded);
    }

    private static ValidateOptionsResult Validate<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class => validator.Validate(Options.DefaultName, options);
}
#endif
