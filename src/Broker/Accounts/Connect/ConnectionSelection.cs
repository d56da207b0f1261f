using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Accounts.Connect;

/// <summary>
/// Turns the accounts a person picks from a ready connection into channel accounts: new ones are created with the
/// offered credentials (still encrypted, never shown), existing ones of the same OPD are re-authorised and their held
/// deliveries resume. The credentials of every offered account are dropped when the connection ends.
/// </summary>
public sealed class ConnectionSelection(
    IAccountConnectionStore connections,
    IAccountStore accounts,
    AccountHolds holds,
    ApiBaseUrlPolicy baseUrls,
    CredentialProtector protector,
    Auditor audit,
    TimeProvider time)
{
    public async Task<ConnectionStep<SelectedAccounts>> SelectAsync(string id, IReadOnlyList<string>? externalIds, string actor, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(id, cancellationToken);
        if (connection is null)
        {
            return ConnectionStep<SelectedAccounts>.Refused(new(StatusCodes.Status404NotFound, "Not found", $"There is no account connection '{id}'."));
        }

        if (connection.Status != ConnectionStatus.Ready)
        {
            return ConnectionStep<SelectedAccounts>.Refused(new(
                StatusCodes.Status409Conflict, "Not allowed in the current state", $"The connection is {Naming.Camel(connection.Status)}; accounts can be chosen only once the platform offered them, and only once."));
        }

        if (connection.ExpiresAt <= time.GetUtcNow())
        {
            await ForgetCredentialsAsync(connection, ConnectionStatus.Failed, "The offered accounts were not chosen in time.", cancellationToken);
            return ConnectionStep<SelectedAccounts>.Refused(new(StatusCodes.Status410Gone, "Connection expired", "The offered accounts were not chosen in time; start the connection again."));
        }

        var wanted = (externalIds ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(e => connection.Candidates.All(c => c.ExternalId != e)).ToList();
        if (wanted.Count == 0 || unknown.Count > 0)
        {
            return ConnectionStep<SelectedAccounts>.Refused(ConnectionProblem.Invalid(
                "externalIds",
                wanted.Count == 0
                    ? $"Choose at least one account: {string.Join(", ", connection.Candidates.Select(c => c.ExternalId))}."
                    : $"Not offered by this connection: {string.Join(", ", unknown)}."));
        }

        if (await ForeignHostAsync(connection.Candidates.Where(c => wanted.Contains(c.ExternalId)), cancellationToken) is { } foreign)
        {
            return ConnectionStep<SelectedAccounts>.Refused(new(
                StatusCodes.Status409Conflict,
                "Account calls another host",
                $"The existing account '{foreign.Name}' ({foreign.Id}) is set to be called on {foreign.ApiBaseUrl ?? "the platform's own host"}, not on the host this login issued its tokens for, so its credentials are not replaced. An editor must add the account again; nothing was changed."));
        }

        // Of two choices at once, one moves the connection on; the other creates nothing.
        if (!await connections.TryMoveAsync(id, ConnectionStatus.Ready, ConnectionStatus.Choosing, cancellationToken))
        {
            return ConnectionStep<SelectedAccounts>.Refused(new(
                StatusCodes.Status409Conflict, "Not allowed in the current state", "Another request chose this connection's accounts at the same moment; accounts can be chosen only once."));
        }

        var chosen = new List<Account>();
        foreach (var candidate in connection.Candidates.Where(c => wanted.Contains(c.ExternalId)))
        {
            chosen.Add(await AddOrReauthorizeAsync(connection, candidate, actor, cancellationToken));
        }

        await ForgetCredentialsAsync(connection, ConnectionStatus.Completed, null, cancellationToken);
        await audit.RecordAsync(actor, "accountConnection.completed", "accountConnection", connection.Id, $"{chosen.Count} accounts chosen", cancellationToken);
        return ConnectionStep<SelectedAccounts>.Done(new SelectedAccounts(connection, chosen));
    }

    private async Task<Account> AddOrReauthorizeAsync(AccountConnection connection, ConnectionCandidate candidate, string actor, CancellationToken cancellationToken)
    {
        if (candidate.ExistingAccountId is { } existingId && await accounts.GetAsync(existingId, cancellationToken) is { } existing)
        {
            await holds.ReplaceCredentialsAsync(existing.Id, protector.Unprotect(candidate.ProtectedCredentials), actor, resume: true, cancellationToken);
            candidate.AccountId = existing.Id;
            return (await accounts.GetAsync(existing.Id, cancellationToken))!;
        }

        var now = time.GetUtcNow();
        var account = new Account
        {
            Id = Guid.NewGuid().ToString("N"),
            Opd = connection.Opd,
            Platform = candidate.Platform,
            Name = candidate.Name,
            ExternalId = candidate.ExternalId,
            ProtectedCredentials = candidate.ProtectedCredentials,
            ApiBaseUrl = candidate.ApiBaseUrl,
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await accounts.AddAsync(account, cancellationToken);
        await audit.RecordAsync(actor, "account.created", "account", account.Id, $"{account.Platform} {account.Name}, connected through {connection.Platform} login", cancellationToken);
        candidate.AccountId = account.Id;
        return account;
    }

    /// <summary>
    /// The first existing account a choice would re-authorise whose stored host is not the connector's own (or not
    /// allowed at all): tokens issued through the platform's login must never be written where they would be sent elsewhere.
    /// </summary>
    private async Task<Account?> ForeignHostAsync(IEnumerable<ConnectionCandidate> chosen, CancellationToken cancellationToken)
    {
        foreach (var candidate in chosen)
        {
            if (candidate.ExistingAccountId is not { } id || await accounts.GetAsync(id, cancellationToken) is not { } existing)
            {
                continue;
            }

            var stored = baseUrls.Effective(existing.Platform, existing.ApiBaseUrl);
            if (!string.Equals(stored, baseUrls.Effective(candidate.Platform, candidate.ApiBaseUrl), StringComparison.Ordinal) || baseUrls.Refusal(existing) is not null)
            {
                return existing;
            }
        }

        return null;
    }

    private async Task ForgetCredentialsAsync(AccountConnection connection, ConnectionStatus status, string? error, CancellationToken cancellationToken)
    {
        foreach (var candidate in connection.Candidates)
        {
            candidate.ProtectedCredentials = string.Empty;
        }

        connection.Status = status;
        connection.Error = error;
        connection.UpdatedAt = time.GetUtcNow();
        await connections.UpdateAsync(connection, cancellationToken);
    }
}
