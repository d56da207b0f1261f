using Broker.Accounts;
using Broker.Cluster;
using Broker.Hosting;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.IntegrationTests.Cluster;

/// <summary>The Data Protection key ring in PostgreSQL: what one node encrypts or signs, every other node reads.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task A_credential_encrypted_by_one_node_is_read_by_another_node_with_a_key_folder_of_its_own()
    {
        var database = await PostgresServer.CreateDatabaseAsync("keys");
        var folder = Path.Combine(Path.GetTempPath(), $"broker-keys-{Guid.NewGuid():N}");
        using var first = Node(database, Path.Combine(folder, "a"));
        using var second = Node(database, Path.Combine(folder, "b"));

        var encrypted = first.Services.GetRequiredService<CredentialProtector>().Protect(new Dictionary<string, string> { ["accessToken"] = "page-token" });
        var read = second.Services.GetRequiredService<CredentialProtector>().Unprotect(encrypted);

        Assert.Equal("page-token", read["accessToken"]);
        Assert.False(Directory.Exists(folder), "no key is written to a node's key folder");
    }

    [Fact]
    public async Task A_cookie_protected_by_one_node_is_read_by_another_on_the_same_database_and_by_none_on_another()
    {
        var database = await PostgresServer.CreateDatabaseAsync("keys");
        var folder = Path.Combine(Path.GetTempPath(), $"broker-keys-{Guid.NewGuid():N}");
        using var first = Node(database, Path.Combine(folder, "a"));
        using var second = Node(database, Path.Combine(folder, "b"));
        using var elsewhere = Node(await PostgresServer.CreateDatabaseAsync("keys"), Path.Combine(folder, "a"));
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";

        var cookie = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose, "Cookies", "v2").Protect("session of editor-1");
        var onSecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose, "Cookies", "v2");

        Assert.Equal("session of editor-1", onSecond.Unprotect(cookie));
        var onElsewhere = elsewhere.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose, "Cookies", "v2");
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => onElsewhere.Unprotect(cookie));
    }

    // The node's services as the broker composes them on PostgreSQL; not started, so nothing but the key ring runs.
    private static IHost Node(string connectionString, string keysFolder)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Storage:Provider"] = "PostgreSql";
        builder.Configuration["ConnectionStrings:Broker"] = connectionString;
        builder.Configuration["DataProtection:KeysPath"] = keysFolder;
        builder.AddBrokerHosting();
        builder.AddBrokerStorage();
        builder.AddBrokerCluster();
        builder.Services.AddSingleton<CredentialProtector>();
        return builder.Build();
    }
}
