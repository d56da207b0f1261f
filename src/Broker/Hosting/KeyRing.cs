using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Broker.Hosting;

/// <summary>
/// The Data Protection key ring (it encrypts the channel accounts' credentials and the session cookies): files under
/// <c>DataProtection:KeysPath</c> (<see cref="KeyRingOptions"/>), encrypted with the certificate at <c>DataProtection:CertificatePath</c> when one is
/// configured. Without one the keys lie unencrypted on disk, protected by the folder's permissions only; that is the
/// documented default (README, "The key ring"), so Data Protection's warning about it is not repeated at every start.
/// </summary>
internal static class KeyRing
{
    /// <summary>
    /// Data Protection takes its folder and certificate at registration, so <see cref="KeyRingOptions"/> are bound here; the
    /// same validator checks them at start, and settings it refuses configure nothing: the start fails naming them.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KeyRingOptions, KeyRingOptionsValidator>(KeyRingOptions.Section);
        var protection = builder.Services.AddDataProtection().SetApplicationName("Broker");
        if (builder.Configuration.BindNow<KeyRingOptions, KeyRingOptionsValidator>(KeyRingOptions.Section, new KeyRingOptionsValidator()) is not { } options)
        {
            return builder;
        }

        protection.PersistKeysToFileSystem(new DirectoryInfo(options.KeysFolder));
        if (options.CertificatePath is { Length: > 0 } path)
        {
            // An unreadable certificate (a wrong password) stops the start here, naming the file, rather than at the first cookie.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            protection.ProtectKeysWithCertificate(certificate);
        }
        else
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        return builder;
    }
}
