using System.Net;
using System.Net.Sockets;
using Broker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Hosting;

/// <summary>Outside Development the broker talks to the real platforms, or refuses to start saying which setting points elsewhere.</summary>
public sealed class SafeDefaultsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-defaults-").FullName;

    [Fact]
    public void A_staging_broker_whose_platform_url_is_on_loopback_refuses_to_start_naming_the_keys()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build("Staging", new() { ["Platforms:Facebook:BaseUrl"] = "http://127.0.0.1:5180/graph" }));

        Assert.Contains("Platforms:Facebook:BaseUrl", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Platforms:AllowLoopback", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_broker_with_the_sandbox_on_refuses_to_start_naming_the_keys()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build("Staging", new() { ["Sandbox:Enabled"] = "true", ["Sandbox:Url"] = $"http://127.0.0.1:{FreePort()}" }));

        Assert.Contains("Sandbox:Enabled", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Platforms:AllowLoopback", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staging_broker_with_loopback_urls_starts_when_configuration_allows_it_explicitly()
    {
        await using var app = Build("Staging", new()
        {
            ["Platforms:Facebook:BaseUrl"] = "http://127.0.0.1:5180/graph",
            ["Platforms:AllowLoopback"] = "true",
        });

        await app.StartAsync();

        await app.StopAsync();
    }

    [Fact]
    public async Task A_production_broker_without_settings_uses_the_real_platforms_and_no_sandbox()
    {
        await using var app = Build("Production", []);

        await app.StartAsync();

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.False(configuration.GetValue<bool>("Sandbox:Enabled"));
        Assert.Equal("https://graph.facebook.com", configuration["Platforms:Facebook:BaseUrl"]);
        Assert.Equal("https://api.x.com", configuration["Platforms:X:BaseUrl"]);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_development_broker_starts_with_the_sandbox_and_its_platforms_pointed_at_it()
    {
        var sandboxUrl = $"http://127.0.0.1:{FreePort()}";
        await using var app = Build("Development", new() { ["Sandbox:Url"] = sandboxUrl });

        await app.StartAsync();

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.True(configuration.GetValue<bool>("Sandbox:Enabled"));
        Assert.StartsWith("http://127.0.0.1:", configuration["Platforms:Facebook:BaseUrl"], StringComparison.Ordinal);
        using var http = new HttpClient();
        var answer = await http.GetAsync(sandboxUrl + "/_sandbox/requests");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await app.StopAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private WebApplication Build(string environment, Dictionary<string, string?> settings)
    {
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Storage:DatabasePath"] = Path.Combine(folder, "broker.db");
        settings["DataProtection:KeysPath"] = Path.Combine(folder, "keys");
        settings["Adapters:PluginsFolder"] = "";
        settings["Logging:LogLevel:Default"] = "Warning";
        return BrokerApp.Build(["--environment", environment], builder => builder.Configuration.AddInMemoryCollection(settings));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
