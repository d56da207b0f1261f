using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Accounts.Connect;

/// <summary>
/// Starts a platform's OAuth flow for an OPD and takes its callback: the code is exchanged by the platform's
/// <see cref="IAccountConnector"/>, and the accounts it offers are kept, credentials encrypted, until someone picks
/// (<see cref="ConnectionSelection"/>). The host knows the platforms only by name.
/// </summary>
public sealed partial class AccountConnections(
    IEnumerable<IAccountConnector> connectors,
    AdapterRegistry adapters,
    ApiBaseUrlPolicy baseUrls,
    IAccountConnectionStore connections,
    IOpdStore opds,
    IAccountStore accounts,
    CredentialProtector protector,
    PublicUrls urls,
    Auditor audit,
    IOptions<AccountConnectionOptions> options,
    TimeProvider time,
    ILogger<AccountConnections> logger)
{
    private readonly Dictionary<string, IAccountConnector> byPlatform =
        connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    /// <summary>The platforms whose accounts connect through their login, with the app's settings in place.</summary>
    public IReadOnlyList<string> Platforms =>
        [.. byPlatform.Values.Where(c => c.CheckConfiguration().Count == 0).Select(c => c.Platform).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The origins of the configured platforms' consent pages (from their settings, never from a request): the page that
    /// starts a connection lets its form lead there, since a browser applies the page's form-action to the redirect.
    /// </summary>
    public IReadOnlyList<string> LoginOrigins =>
        [.. Platforms.Select(p => byPlatform[p].BuildAuthorizeUrl(new AuthorizationRequest("origin", new Uri("http://127.0.0.1/"), "origin")).GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The connector of <paramref name="platform"/>, if an adapter plugin offers one.</summary>
    public IAccountConnector? Connector(string platform) => byPlatform.GetValueOrDefault(platform);

    /// <summary>Starts a connection for <paramref name="opd"/>, bound to the browser whose value hashes to <paramref name="browserBindingHash"/>.</summary>
    public async Task<ConnectionStep<StartedConnection>> StartAsync(string platform, string? opd, string actor, string browserBindingHash, CancellationToken cancellationToken)
    {
        if (FindConnector(platform) is { Problem: { } unavailable })
        {
            return ConnectionStep<StartedConnection>.Refused(unavailable);
        }

        if (string.IsNullOrWhiteSpace(opd) || await opds.GetAsync(opd, cancellationToken) is null)
        {
            return ConnectionStep<StartedConnection>.Refused(ConnectionProblem.Invalid(
                "opd", string.IsNullOrWhiteSpace(opd) ? "opd is required." : $"There is no OPD '{opd}'; create it first with POST /api/opds."));
        }

        var connector = byPlatform[platform];
        var now = time.GetUtcNow();
        var connection = new AccountConnection
        {
            Id = Guid.NewGuid().ToString("N"),
            State = PkceSecrets.NewRandom(),
            CodeVerifier = PkceSecrets.NewRandom(),
            Platform = connector.Platform,
            Opd = opd,
            RedirectUri = urls.For($"oauth/callback/{connector.Platform}").AbsoluteUri,
            Status = ConnectionStatus.Pending,
            StartedBy = actor,
            BrowserBindingHash = browserBindingHash,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + options.Value.StateLifetime,
        };
        var authorizeUrl = connector.BuildAuthorizeUrl(
            new AuthorizationRequest(connection.State, new Uri(connection.RedirectUri), PkceSecrets.Challenge(connection.CodeVerifier)));
        await connections.AddAsync(connection, cancellationToken);
        await audit.RecordAsync(actor, "accountConnection.started", "accountConnection", connection.Id, $"{connection.Platform} for {opd}", cancellationToken);
        return ConnectionStep<StartedConnection>.Done(new StartedConnection(connection, authorizeUrl));
    }

    /// <summary>
    /// Takes the platform's callback: a refusal, or the code to exchange for the accounts on offer. A callback whose
    /// browser is not the one that started the connection (<paramref name="sameBrowser"/> false) is refused and changes
    /// nothing, so the starter's own callback still works.
    /// </summary>
    public async Task<ConnectionStep<AccountConnection>> CompleteAsync(
        string platform, ConnectionCallback callback, Func<AccountConnection, bool> sameBrowser, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sameBrowser);
        var found = await PendingAsync(platform, callback.State, cancellationToken);
        if (found.Problem is not null)
        {
            return found;
        }

        var connection = found.Value!;
        if (!sameBrowser(connection) || (actor != Auditor.System && actor != connection.StartedBy))
        {
            Log.OtherBrowser(logger, connection.Id, connection.Platform);
            return ConnectionStep<AccountConnection>.Refused(ConnectionProblem.OtherBrowser(
                "This connection was started in another browser or by another user; start and finish a connection in the same browser, signed in as the same person."));
        }

        if (!string.IsNullOrEmpty(callback.Error))
        {
            var reason = $"The account owner declined on {connection.Platform}'s consent page ({callback.Error}{(callback.ErrorDescription is { Length: > 0 } d ? ": " + d : string.Empty)}).";
            await EndAsync(connection, ConnectionStatus.Denied, reason, "accountConnection.denied", actor, cancellationToken);
            return ConnectionStep<AccountConnection>.Refused(new(StatusCodes.Status403Forbidden, "Consent denied", reason + " Start again to connect the account."));
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            return ConnectionStep<AccountConnection>.Refused(ConnectionProblem.Invalid("code", "The callback carries neither a code nor an error."));
        }

        if (!await connections.TryMoveAsync(connection.Id, ConnectionStatus.Pending, ConnectionStatus.Exchanging, cancellationToken))
        {
            return ConnectionStep<AccountConnection>.Refused(AlreadyUsed());
        }

        var result = await byPlatform[platform].ExchangeCodeAsync(
            new AuthorizationCallback(callback.Code, new Uri(connection.RedirectUri), connection.CodeVerifier), cancellationToken);
        return await RecordAsync(connection, result, actor, cancellationToken);
    }

    private async Task<ConnectionStep<AccountConnection>> RecordAsync(AccountConnection connection, ConnectionResult result, string actor, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case ConnectionResult.Connected connected:
                connection.Candidates = await CandidatesAsync(connection, connected.Accounts, cancellationToken);
                connection.Status = ConnectionStatus.Ready;
                connection.CodeVerifier = string.Empty;
                connection.UpdatedAt = time.GetUtcNow();
                connection.ExpiresAt = connection.UpdatedAt + options.Value.SelectionLifetime;
                await connections.UpdateAsync(connection, cancellationToken);
                await audit.RecordAsync(actor, "accountConnection.authorized", "accountConnection", connection.Id, $"{connection.Candidates.Count} accounts offered", cancellationToken);
                Log.Authorized(logger, connection.Id, connection.Platform, connection.Candidates.Count);
                return ConnectionStep<AccountConnection>.Done(connection);
            case ConnectionResult.Refused refused:
                await EndAsync(connection, ConnectionStatus.Failed, refused.Reason, "accountConnection.failed", actor, cancellationToken);
                return ConnectionStep<AccountConnection>.Refused(new(StatusCodes.Status502BadGateway, "The platform refused the code", refused.Reason + " Start again to connect the account."));
            case ConnectionResult.Unreachable unreachable:
                await EndAsync(connection, ConnectionStatus.Failed, unreachable.Reason, "accountConnection.failed", actor, cancellationToken);
                return ConnectionStep<AccountConnection>.Refused(new(StatusCodes.Status504GatewayTimeout, "The platform did not answer", unreachable.Reason + " Start again to connect the account."));
            default:
                throw new InvalidOperationException($"Unexpected connection result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// The offered accounts the broker can publish to (a loaded adapter, an id of the platform's form, an allowed API
    /// host), credentials encrypted, with any existing account they match. Any other offer is dropped and logged.
    /// </summary>
    private async Task<List<ConnectionCandidate>> CandidatesAsync(AccountConnection connection, IReadOnlyList<ConnectableAccount> offered, CancellationToken cancellationToken)
    {
        var existing = await accounts.ListAsync(connection.Opd, cancellationToken);
        var candidates = new List<ConnectionCandidate>();
        foreach (var offer in offered)
        {
            if (adapters.Find(offer.Platform) is not { } adapter)
            {
                continue;
            }

            var (baseUrl, refused) = offer.ApiBaseUrl is null ? (null, null) : baseUrls.Check(adapter.Platform, offer.ApiBaseUrl.AbsoluteUri);
            refused ??= ApiBaseUrlPolicy.CheckExternalId(adapter, offer.ExternalId).FirstOrDefault();
            if (refused is not null)
            {
                Log.OfferDropped(logger, connection.Id, adapter.Platform, refused);
                continue;
            }

            candidates.Add(new ConnectionCandidate
            {
                Platform = adapter.Platform,
                ExternalId = offer.ExternalId,
                Name = offer.Name,
                Description = offer.Description,
                ApiBaseUrl = baseUrl,
                ProtectedCredentials = protector.Protect(offer.Credentials),
                ExistingAccountId = existing.FirstOrDefault(e => e.Platform == adapter.Platform && e.ExternalId == offer.ExternalId)?.Id,
            });
        }

        return candidates;
    }

    private async Task<ConnectionStep<AccountConnection>> PendingAsync(string platform, string? state, CancellationToken cancellationToken)
    {
        if (FindConnector(platform) is { Problem: { } unavailable })
        {
            return ConnectionStep<AccountConnection>.Refused(unavailable);
        }

        var connection = string.IsNullOrEmpty(state) ? null : await connections.FindByStateAsync(state, cancellationToken);
        if (connection is null || !connection.Platform.Equals(platform, StringComparison.OrdinalIgnoreCase))
        {
            return ConnectionStep<AccountConnection>.Refused(new(
                StatusCodes.Status400BadRequest, "Unknown authorization state", "This callback's state matches no connection started for this platform; start again with POST /api/accounts/connect/{platform}."));
        }

        if (connection.Status != ConnectionStatus.Pending)
        {
            return ConnectionStep<AccountConnection>.Refused(AlreadyUsed());
        }

        if (connection.ExpiresAt <= time.GetUtcNow())
        {
            await EndAsync(connection, ConnectionStatus.Failed, "The consent took longer than allowed.", "accountConnection.expired", Auditor.System, cancellationToken);
            return ConnectionStep<AccountConnection>.Refused(new(
                StatusCodes.Status410Gone, "Authorization state expired", $"The consent page was left open past {connection.ExpiresAt:O}; start again with POST /api/accounts/connect/{connection.Platform}."));
        }

        return ConnectionStep<AccountConnection>.Done(connection);
    }

    private (IAccountConnector? Connector, ConnectionProblem? Problem) FindConnector(string platform)
    {
        if (adapters.Find(platform) is null)
        {
            return (null, new(StatusCodes.Status404NotFound, "Unknown platform", $"There is no platform '{platform}'; known platforms: {string.Join(", ", adapters.Platforms.Order())}."));
        }

        if (Connector(platform) is not { } connector)
        {
            return (null, new(StatusCodes.Status404NotFound, "No OAuth connection", $"The {platform} adapter offers no OAuth connection; add its accounts with POST /api/accounts."));
        }

        var problems = connector.CheckConfiguration();
        return problems.Count > 0
            ? (null, new(StatusCodes.Status409Conflict, "Connection not configured", $"Connecting {platform} accounts needs the app's settings: {string.Join(" ", problems)}"))
            : (connector, null);
    }

    private async Task EndAsync(AccountConnection connection, ConnectionStatus status, string reason, string action, string actor, CancellationToken cancellationToken)
    {
        connection.Status = status;
        connection.Error = reason;
        connection.CodeVerifier = string.Empty;
        connection.UpdatedAt = time.GetUtcNow();
        await connections.UpdateAsync(connection, cancellationToken);
        await audit.RecordAsync(actor, action, "accountConnection", connection.Id, reason, cancellationToken);
        Log.Ended(logger, connection.Id, connection.Platform, status, reason);
    }

    private static ConnectionProblem AlreadyUsed() => new(
        StatusCodes.Status409Conflict, "Authorization state already used", "This connection has already received its callback; start again to connect more accounts.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Connection {ConnectionId} through {Platform} offers {Count} accounts")]
        public static partial void Authorized(ILogger logger, string connectionId, string platform, int count);

        [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Connection {ConnectionId} through {Platform} ended {Status}: {Reason}")]
        public static partial void Ended(ILogger logger, string connectionId, string platform, ConnectionStatus status, string reason);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Refused a callback of connection {ConnectionId} through {Platform} from a browser that did not start it")]
        public static partial void OtherBrowser(ILogger logger, string connectionId, string platform);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Connection {ConnectionId} dropped an offered {Platform} account: {Reason}")]
        public static partial void OfferDropped(ILogger logger, string connectionId, string platform, string reason);
    }
}
