using Broker.Accounts;
using Broker.Adapters;
using Broker.Sandbox;
using Microsoft.Extensions.Options;

namespace Broker.Channels;

/// <summary>
/// Where an account's credentials may go. Per platform, an account may be called only on a base URL its adapter lists
/// (<see cref="IChannelAdapter.AllowedApiBaseUrls"/>: the configured hosts and <c>Platforms:{Name}:AllowedBaseUrls</c>),
/// plus the embedded sandbox's when it runs, compared exactly after normalising; and its platform id must have the
/// platform's form. Checked when an account is created or connected, and again before an account is handed to an adapter,
/// so an account stored before these rules (or written around them) never sends anything elsewhere.
/// </summary>
public sealed class ApiBaseUrlPolicy(AdapterRegistry adapters, IOptions<SandboxSettings> sandbox)
{
    /// <summary>
    /// <paramref name="baseUrl"/> normalised as it is stored (lower-case scheme and host, no default port, no trailing
    /// slash), or the problem that refuses it for <paramref name="platform"/>.
    /// </summary>
    public (string? BaseUrl, string? Problem) Check(string platform, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var allowed = Allowed(platform);
        var listed = allowed.Count == 0 ? "none: accounts of this platform always use its configured host" : string.Join(", ", allowed);
        if (Normalise(baseUrl) is not { } normalised)
        {
            return (null, $"apiBaseUrl must be an absolute http(s) URL without user name, password, query or fragment; allowed for {platform}: {listed}.");
        }

        return allowed.Contains(normalised, StringComparer.Ordinal)
            ? (normalised, null)
            : (null, $"apiBaseUrl {normalised} is not allowed for {platform}; allowed: {listed}. An operator adds hosts with Platforms:{{Name}}:AllowedBaseUrls.");
    }

    /// <summary>Every problem with <paramref name="externalId"/> as an id of <paramref name="adapter"/>'s platform.</summary>
    public static IReadOnlyList<string> CheckExternalId(IChannelAdapter adapter, string externalId)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(externalId);

        // Whatever a plugin accepts, an id never carries what could change a URL's path or query.
        if (externalId.Length == 0 || externalId.All(c => c == '.') || !externalId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '@'))
        {
            return ["externalId may hold only letters, digits and _ - . : @ (the platform's id of the account, e.g. a Page id)."];
        }

        return adapter.CheckExternalId(externalId);
    }

    /// <summary>Why <paramref name="account"/> must not be handed to its adapter (its stored base URL or id is not allowed), or null.</summary>
    public string? Refusal(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.ApiBaseUrl is { } baseUrl && Check(account.Platform, baseUrl).Problem is { } problem)
        {
            return $"The account's API base URL is not allowed, so nothing was sent: {problem} An editor must add the account again.";
        }

        if (adapters.Find(account.Platform) is { } adapter && CheckExternalId(adapter, account.ExternalId) is [var idProblem, ..])
        {
            return $"The account's platform id is not allowed, so nothing was sent: {idProblem} An editor must add the account again.";
        }

        return null;
    }

    /// <summary>
    /// The host an account of <paramref name="platform"/> with <paramref name="apiBaseUrl"/> is really called on,
    /// normalised: its own base URL, or the platform's default (the first allowed one) when it has none.
    /// </summary>
    public string? Effective(string platform, string? apiBaseUrl) =>
        apiBaseUrl is null ? Allowed(platform).FirstOrDefault() : Normalise(apiBaseUrl) ?? apiBaseUrl;

    /// <summary>The normalised base URLs allowed for <paramref name="platform"/>.</summary>
    public IReadOnlyList<string> Allowed(string platform)
    {
        var urls = adapters.Find(platform)?.AllowedApiBaseUrls.ToList() ?? [];
        if (urls.Count > 0 && sandbox.Value.Enabled)
        {
            urls.AddRange(RunningSandbox.ApiBaseUrls(sandbox.Value.Url));
        }

        return [.. urls.Select(u => Normalise(u.OriginalString)).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Scheme, host, port and path of an absolute http(s) URL, lower-case where case does not matter; null for anything
    /// else, including URLs with user info, a query or a fragment, and text with spaces or control characters.
    /// </summary>
    public static string? Normalise(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2048 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\')
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }

        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://{uri.Host}{port}{uri.AbsolutePath.TrimEnd('/')}";
    }
}
