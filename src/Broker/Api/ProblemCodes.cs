using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Broker.Api;

/// <summary>
/// The stable machine codes of the broker's problems: every RFC 9457 answer carries one as its <c>code</c> member, so a
/// page or another client shows its own words for it (the <c>ProblemCode_{code}</c> resources), while the English
/// <c>detail</c> stays for people reading the API. A code, once published, is never renamed.
/// </summary>
public static class ProblemCodes
{
    public const string Member = "code";

    public const string InvalidFields = "invalid_fields";
    public const string NotFound = "not_found";
    public const string NotSignedIn = "not_signed_in";
    public const string Forbidden = "forbidden";
    public const string StateConflict = "state_conflict";
    public const string AlreadyExists = "already_exists";
    public const string ChangedMeanwhile = "changed_meanwhile";
    public const string PlatformRules = "platform_rules";
    public const string ElectionTerms = "election_terms";
    public const string NotOpenForSharing = "not_open_for_sharing";
    public const string ElectionSharing = "election_sharing";
    public const string TooManyRequests = "too_many_requests";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string UnreadableRequest = "unreadable_request";
    public const string UnreadableCsv = "unreadable_csv";
    public const string DuplicateKey = "duplicate_key";
    public const string DiskFailure = "disk_failure";
    public const string WrongStorage = "wrong_storage";
    public const string UnknownPlatform = "unknown_platform";
    public const string NoOAuthConnection = "no_oauth_connection";
    public const string ConnectionNotConfigured = "connection_not_configured";
    public const string ConnectionOtherBrowser = "connection_other_browser";
    public const string ConsentDenied = "consent_denied";
    public const string CodeRefused = "platform_refused_code";
    public const string PlatformSilent = "platform_did_not_answer";
    public const string UnknownState = "unknown_authorization_state";
    public const string StateExpired = "authorization_state_expired";
    public const string StateUsed = "authorization_state_used";
    public const string ConnectionExpired = "connection_expired";
    public const string AccountCallsAnotherHost = "account_calls_another_host";
    public const string EditorsPause = "editors_pause";
    public const string Error = "error";

    /// <summary>Every code, read from the constants above: the list the translations are checked against.</summary>
    public static IReadOnlyList<string> All { get; } = [.. typeof(ProblemCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name != nameof(Member))
        .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The problems' titles as the broker words them, to their codes.</summary>
    private static readonly Dictionary<string, string> ByTitle = new(StringComparer.Ordinal)
    {
        ["The request has invalid fields"] = InvalidFields,
        ["Not found"] = NotFound,
        ["Not signed in"] = NotSignedIn,
        ["Not allowed"] = Forbidden,
        ["Not allowed in the current state"] = StateConflict,
        ["Already exists"] = AlreadyExists,
        ["Already subscribed"] = AlreadyExists,
        ["Changed meanwhile"] = ChangedMeanwhile,
        ["The item breaks platform rules"] = PlatformRules,
        ["The item names terms of an election period that refuses approval"] = ElectionTerms,
        ["Not open for sharing"] = NotOpenForSharing,
        ["Not open for sharing during an election period"] = ElectionSharing,
        ["Too many requests"] = TooManyRequests,
        ["Unsupported media type"] = UnsupportedMediaType,
        ["The request could not be read"] = UnreadableRequest,
        ["The CSV file cannot be read"] = UnreadableCsv,
        ["Another request stored the same key at the same moment"] = DuplicateKey,
        ["The broker is stopping after a disk failure"] = DiskFailure,
        ["This broker stores its data in PostgreSQL"] = WrongStorage,
        ["Unknown platform"] = UnknownPlatform,
        ["No OAuth connection"] = NoOAuthConnection,
        ["Connection not configured"] = ConnectionNotConfigured,
        ["Started elsewhere"] = ConnectionOtherBrowser,
        ["Consent denied"] = ConsentDenied,
        ["The platform refused the code"] = CodeRefused,
        ["The platform did not answer"] = PlatformSilent,
        ["Unknown authorization state"] = UnknownState,
        ["Authorization state expired"] = StateExpired,
        ["Authorization state already used"] = StateUsed,
        ["Connection expired"] = ConnectionExpired,
        ["Account calls another host"] = AccountCallsAnotherHost,
        ["Paused by an editor"] = EditorsPause,
    };

    /// <summary>The problem's code: the one it names, else the one of its title, else the one of its status.</summary>
    public static string For(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Extensions.TryGetValue(Member, out var named) && named is string code)
        {
            return code;
        }

        if (problem.Title is { } title && ByTitle.TryGetValue(title, out var byTitle))
        {
            return byTitle;
        }

        return problem is HttpValidationProblemDetails ? InvalidFields : problem.Status switch
        {
            StatusCodes.Status400BadRequest => UnreadableRequest,
            StatusCodes.Status401Unauthorized => NotSignedIn,
            StatusCodes.Status403Forbidden => Forbidden,
            StatusCodes.Status404NotFound => NotFound,
            StatusCodes.Status409Conflict => StateConflict,
            StatusCodes.Status413PayloadTooLarge => TooLarge,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
            StatusCodes.Status429TooManyRequests => TooManyRequests,
            _ => Error,
        };
    }

    /// <summary>Names the problem's code on it (see <see cref="For"/>), unless it names one already.</summary>
    public static void Name(ProblemDetails problem) => problem.Extensions[Member] = For(problem);
}
