namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private readonly Dictionary<string, AuthorizationCode> authorizationCodes = [];
    private readonly Dictionary<string, GraphToken> graphTokens = [];
    private readonly Dictionary<(string UserId, string PageId), string> pageTokens = [];
    private readonly HashSet<string> denyConsent = [];

    /// <summary>Makes the next authorize dialog of <paramref name="platform"/> answer as if the user clicked "Cancel".</summary>
    public void DenyNextConsent(string platform)
    {
        lock (gate)
        {
            denyConsent.Add(platform);
        }
    }

    internal bool TakeConsentDenial(string platform)
    {
        lock (gate)
        {
            return denyConsent.Remove(platform);
        }
    }

    internal AuthorizationCode IssueAuthorizationCode(
        string platform, string clientId, string redirectUri, string userId, string? challenge, string? method)
    {
        var code = new AuthorizationCode(RandomToken(), platform, clientId, redirectUri, userId, challenge, method, Now + TimeSpan.FromMinutes(10));
        lock (gate)
        {
            authorizationCodes[code.Code] = code;
        }

        return code;
    }

    /// <summary>Removes and returns the code of <paramref name="platform"/>: a code is spent by its first use, right or wrong.</summary>
    internal AuthorizationCode? TakeAuthorizationCode(string platform, string code)
    {
        lock (gate)
        {
            if (!authorizationCodes.TryGetValue(code, out var found) || found.Platform != platform)
            {
                return null;
            }

            authorizationCodes.Remove(code);
            return found;
        }
    }

    internal GraphToken IssueGraphToken(string platform, string kind, string userId, TimeSpan? lifetime)
    {
        var token = new GraphToken(RandomToken(), platform, kind, userId, Now, lifetime is { } l ? Now + l : null);
        lock (gate)
        {
            graphTokens[token.Token] = token;
        }

        return token;
    }

    /// <summary>The token the sandbox issued, or null for one it did not (those are accepted without checks).</summary>
    public GraphToken? FindGraphToken(string token)
    {
        lock (gate)
        {
            return graphTokens.GetValueOrDefault(token);
        }
    }

    /// <summary>The Page token a user gets for a Page: the same one on every listing, as Facebook does for a long-lived user token.</summary>
    internal string PageToken(string userId, string pageId)
    {
        var candidate = new GraphToken(RandomToken(), "facebook", GraphToken.Page, pageId, Now, null);
        lock (gate)
        {
            if (pageTokens.TryGetValue((userId, pageId), out var existing))
            {
                return existing;
            }

            graphTokens[candidate.Token] = candidate;
            pageTokens[(userId, pageId)] = candidate.Token;
            return candidate.Token;
        }
    }

    private void ResetOAuth()
    {
        authorizationCodes.Clear();
        graphTokens.Clear();
        pageTokens.Clear();
        denyConsent.Clear();
    }
}
