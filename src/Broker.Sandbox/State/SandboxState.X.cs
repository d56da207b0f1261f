using System.Security.Cryptography;

namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private const long XIdBase = 1_950_000_000_000_000_000;
    private readonly Dictionary<string, XMediaUpload> xMedia = [];
    private readonly Dictionary<string, XCredentials> xCredentials = [];
    private readonly Dictionary<string, XBearerToken> xBearerTokens = [];
    private readonly Dictionary<string, (string UserId, bool Used)> xRefreshTokens = [];
    private readonly Dictionary<string, string> xAuthorizationCodes = [];
    private readonly Dictionary<(string User, string Endpoint), List<DateTimeOffset>> xCalls = [];

    internal string NewXId() => NewId(XIdBase);

    /// <summary>Registers OAuth 1.0a keys: requests signed with this token are then verified.</summary>
    public void RegisterXCredentials(XCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        lock (gate)
        {
            xCredentials[credentials.AccessToken] = credentials;
        }
    }

    internal XCredentials? FindXCredentials(string accessToken)
    {
        lock (gate)
        {
            return xCredentials.GetValueOrDefault(accessToken);
        }
    }

    /// <summary>Makes the sandbox accept an OAuth 2.0 bearer token for a user.</summary>
    public void RegisterXBearerToken(XBearerToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (gate)
        {
            xBearerTokens[token.Token] = token;
        }
    }

    internal XBearerToken? FindXBearerToken(string token)
    {
        lock (gate)
        {
            return xBearerTokens.GetValueOrDefault(token);
        }
    }

    /// <summary>Binds an authorization code to a user for the OAuth 2.0 token endpoint.</summary>
    public void RegisterXAuthorizationCode(string code, string userId)
    {
        lock (gate)
        {
            xAuthorizationCodes[code] = userId;
        }
    }

    internal string? TakeXAuthorizationCode(string code)
    {
        lock (gate)
        {
            return xAuthorizationCodes.Remove(code, out var user) ? user : null;
        }
    }

    /// <summary>Issues an access token (lifetime given) and a fresh single-use refresh token.</summary>
    internal (XBearerToken Access, string Refresh) IssueXTokens(string userId, TimeSpan lifetime)
    {
        var access = new XBearerToken(RandomToken(), userId, Now + lifetime);
        var refresh = RandomToken();
        lock (gate)
        {
            xBearerTokens[access.Token] = access;
            xRefreshTokens[refresh] = (userId, false);
        }

        return (access, refresh);
    }

    /// <summary>Consumes a refresh token; null when unknown or already used.</summary>
    internal string? UseXRefreshToken(string refreshToken)
    {
        lock (gate)
        {
            if (!xRefreshTokens.TryGetValue(refreshToken, out var entry) || entry.Used)
            {
                return null;
            }

            xRefreshTokens[refreshToken] = (entry.UserId, true);
            return entry.UserId;
        }
    }

    internal void AddXMedia(XMediaUpload media)
    {
        lock (gate)
        {
            xMedia[media.Id] = media;
        }
    }

    internal XMediaUpload? FindXMedia(string id)
    {
        lock (gate)
        {
            return xMedia.GetValueOrDefault(id);
        }
    }

    /// <summary>Counts a call in the user's window; returns the count (including this call) and the window start.</summary>
    internal (int Count, DateTimeOffset WindowStart) CountXCall(string userId, string endpoint, TimeSpan window, bool consume)
    {
        var now = Now;
        lock (gate)
        {
            if (!xCalls.TryGetValue((userId, endpoint), out var calls))
            {
                xCalls[(userId, endpoint)] = calls = [];
            }

            calls.RemoveAll(t => now - t >= window);
            if (consume)
            {
                calls.Add(now);
            }

            return (calls.Count, calls.Count > 0 ? calls[0] : now);
        }
    }

    private static string RandomToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private void ResetX()
    {
        xMedia.Clear();
        xCredentials.Clear();
        xBearerTokens.Clear();
        xRefreshTokens.Clear();
        xAuthorizationCodes.Clear();
        xCalls.Clear();
    }
}
