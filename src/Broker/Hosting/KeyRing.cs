using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Broker.Hosting;

/// <summary>
/// The Data Protection key ring (it encrypts the channel accounts' credentials and the session cookies): files under
/// <c>DataProtection:KeysPath</c>, encrypted with the certificate at <c>DataProtection:CertificatePath</c> when one is
/// configured. Without one the keys lie unencrypted on disk, protected by the folder's permissions only; that is the
/// documented default (README, "The key ring"), so Data Protection's warning about it is not repeated at every start.
/// </summary>
internal static class KeyRing
{
    public const string KeysPath = "DataProtection:KeysPath";

    public const string CertificatePath = "DataProtection:CertificatePath";

    public const string CertificatePassword = "DataProtection:CertificatePassword";

    public static IHostApplicationBuilder AddBrokerKeyRing(this IHostApplicationBuilder builder)
    {
        var keys = builder.Configuration[KeysPath] is { Length: > 0 } configured ? configured : "data/keys";
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("Broker")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys)));
        if (builder.Configuration[CertificatePath] is { Length: > 0 } path)
        {
            // A missing or unreadable certificate stops the start here, naming the file, rather than at the first cookie.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration[CertificatePassword]);
            protection.ProtectKeysWithCertificate(certificate);
        }
        else
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        return builder;
    }
}
