namespace Broker.Hosting;

/// <summary>
/// Where the Data Protection key ring lies and what encrypts it (<c>DataProtection</c> section). The key ring encrypts the
/// channel accounts' credentials and the session cookies: back it up with the database.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>The folder of the key files; relative paths are under the working directory.</summary>
    public string KeysPath { get; set; } = "data/keys";

    /// <summary>A PKCS#12 (<c>.pfx</c>) certificate that encrypts the key files; none: they lie unencrypted, protected by the folder's permissions.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's password (set it from an environment variable).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The key ring's folder as a full path.</summary>
    public string KeysFolder => Path.GetFullPath(KeysPath);

    /// <summary>The key ring's folder as the broker resolves it, for the commands and the backup that run beside it.</summary>
    public static string FolderOf(IConfiguration configuration) =>
        (configuration.GetSection(Section).Get<KeyRingOptions>() ?? new KeyRingOptions()).KeysFolder;
}
