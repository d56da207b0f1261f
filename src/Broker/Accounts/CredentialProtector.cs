using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Broker.Accounts;

/// <summary>Encrypts channel credentials at rest with ASP.NET Core Data Protection.</summary>
public sealed class CredentialProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Broker.Accounts.Credentials.v1");

    public string Protect(IReadOnlyDictionary<string, string> credentials) =>
        protector.Protect(JsonSerializer.Serialize(credentials));

    public IReadOnlyDictionary<string, string> Unprotect(string protectedCredentials) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(protectedCredentials)) ?? [];
}
