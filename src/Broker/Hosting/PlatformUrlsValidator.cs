using System.Net;
using Broker.Sandbox;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>
/// Outside Development, refuses to start when a platform setting points at loopback or the embedded sandbox is on,
/// unless <c>Platforms:AllowLoopback</c> is true, naming every key at fault. The host reads every URL under
/// <c>Platforms</c>, whatever the adapter, so it never names a platform.
/// </summary>
internal sealed class PlatformUrlsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<PlatformUrlsOptions>
{
    private const string AllowKey = PlatformUrlsOptions.Section + ":" + nameof(PlatformUrlsOptions.AllowLoopback);

    public ValidateOptionsResult Validate(string? name, PlatformUrlsOptions options)
    {
        if (environment.IsDevelopment() || options.AllowLoopback)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = configuration.GetSection(PlatformUrlsOptions.Section).AsEnumerable()
            .Where(setting => setting.Value is { } value && IsLoopbackUrl(value))
            .OrderBy(setting => setting.Key, StringComparer.Ordinal)
            .Select(setting => $"{setting.Key} is {setting.Value}, on this machine's loopback.")
            .ToList();
        if (configuration.GetValue<bool>($"{SandboxSettings.Section}:{nameof(SandboxSettings.Enabled)}"))
        {
            problems.Add($"{SandboxSettings.Section}:{nameof(SandboxSettings.Enabled)} is true: posts would go to the built-in sandbox.");
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The broker runs in the {environment.EnvironmentName} environment, where it publishes to the real platforms, but: {string.Join(" ", problems)} "
                + $"Point these settings at the platforms (see appsettings.json), or set {AllowKey}=true if this install is meant to use a local stand-in.");
    }

    private static bool IsLoopbackUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        if (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            && (IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
    }
}
