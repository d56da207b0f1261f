using System.Net;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>
/// Checks the <c>Broker</c> section at start. <see cref="BrokerOptions.PublicBaseUrl"/> goes into every photo URL a
/// platform fetches and every share link: it must be an absolute http(s) address without user, query or fragment, and in
/// Production https, unless it is on loopback (a broker behind a proxy on the same machine, a test).
/// </summary>
internal sealed class BrokerOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var problems = new OptionsProblems(BrokerOptions.Section);
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && PublicBaseUrlProblem(options.PublicBaseUrl, environment.IsProduction()) is { } problem)
        {
            problems.Add(nameof(options.PublicBaseUrl), $"'{options.PublicBaseUrl}' {problem}");
        }

        problems.Required(options.CentralOpd);
        problems.Between(options.MaxUploadBytes, 1, long.MaxValue);
        problems.Between(options.MaxUploadPixels, 1, 1_000_000_000);
        problems.Between(options.MaxConcurrentDecodes, 1, 64);
        return problems.Result();
    }

    internal static string? PublicBaseUrlProblem(string value, bool production)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must be an absolute http or https address without user name, query or fragment, such as https://broker.example.go.id.";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return production && uri.Scheme == "http" && !loopback
            ? "must use https in Production: platforms fetch photos and people open share links from it (http only on loopback)."
            : null;
    }
}
