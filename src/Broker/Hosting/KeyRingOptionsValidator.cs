using Microsoft.Extensions.Options;

namespace Broker.Hosting;

internal sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var problems = new OptionsProblems(KeyRingOptions.Section);
        if (string.IsNullOrWhiteSpace(options.KeysPath) || options.KeysPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add(nameof(options.KeysPath), $"'{options.KeysPath}' is not a folder path such as data/keys.");
        }

        if (!string.IsNullOrEmpty(options.CertificatePath) && !File.Exists(options.CertificatePath))
        {
            problems.Add(nameof(options.CertificatePath), $"'{Path.GetFullPath(options.CertificatePath)}' is not a file (a PKCS#12 .pfx certificate).");
        }

        if (string.IsNullOrEmpty(options.CertificatePath) && !string.IsNullOrEmpty(options.CertificatePassword))
        {
            problems.Add(nameof(options.CertificatePassword), $"is set but {problems.Key(nameof(options.CertificatePath))} is not: the key ring would stay unencrypted.");
        }

        return problems.Result();
    }
}
