using Broker.Access;
using Broker.Accounts.Pausing;
using Broker.Api;
using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Accounts;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Channel accounts");
        group.MapPost("/", Create).RequireAuthorization(Policies.Managers);
        group.MapGet("/", List).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Staff);
        group.MapPut("/{id}/credentials", ReplaceCredentials).RequireAuthorization(Policies.Managers);
        app.MapAccountPausesApi();
        return app;
    }

    public sealed record CreateAccountRequest(
        string? Opd,
        string? Platform,
        string? Name,
        string? ExternalId,
        Dictionary<string, string>? Credentials,
        string? ApiBaseUrl);

    public sealed record ReplaceCredentialsRequest(Dictionary<string, string>? Credentials);

    /// <summary>An account as the API shows it: never its credentials.</summary>
    public sealed record AccountView(
        string Id,
        string Opd,
        string Platform,
        string Name,
        string ExternalId,
        string? ApiBaseUrl,
        AccountStatus Status,
        string? StatusReason,
        DateTimeOffset CreatedAt)
    {
        public static AccountView Of(Account a) => new(a.Id, a.Opd, a.Platform, a.Name, a.ExternalId, a.ApiBaseUrl, a.Status, a.StatusReason, a.CreatedAt);
    }

    public static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAccountRequest request,
        IOpdStore opds,
        IAccountStore accounts,
        AdapterRegistry adapters,
        ApiBaseUrlPolicy baseUrls,
        CredentialProtector protector,
        Auditor audit,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (request.Opd is { Length: > 0 } requested && !Caller.Of(context).Sees(requested))
        {
            return ApiResults.Forbidden($"An OPD admin adds accounts only for their own OPD, not '{requested}'.");
        }

        // An account's base URL is where its tokens go: only editors choose it, and only among the allowed hosts.
        if (request.ApiBaseUrl is { Length: > 0 } && !Caller.Of(context).IsEditor)
        {
            return ApiResults.Forbidden("apiBaseUrl", new UserMessage(MessageCodes.AccountApiBaseUrlEditorsOnly, "Only an editor may set apiBaseUrl; leave it out and the platform's own host is used."));
        }

        var errors = new FieldErrors();
        errors.Text("opd", request.Opd, 32);
        if (request.Opd is { Length: > 0 } code && await opds.GetAsync(code, cancellationToken) is null)
        {
            errors.Add("opd", MessageCodes.UnknownOpd, $"There is no OPD '{code}'; create it first with POST /api/opds.", ("opd", code));
        }

        errors.Text("platform", request.Platform, 32);
        var adapter = request.Platform is { Length: > 0 } platform ? adapters.Find(platform) : null;
        if (request.Platform is { Length: > 0 } && adapter is null)
        {
            var known = string.Join(", ", adapters.Platforms.Order());
            errors.Add("platform", MessageCodes.AccountUnknownPlatform, $"Unknown platform '{request.Platform}'; known platforms: {known}.", ("platform", request.Platform), ("platforms", known));
        }

        errors.Text("name", request.Name, 200);
        errors.Text("externalId", request.ExternalId, 100);
        if (adapter is not null && request.ExternalId is { Length: > 0 and <= 100 } externalId)
        {
            foreach (var problem in ApiBaseUrlPolicy.CheckExternalId(adapter, externalId.Trim()))
            {
                errors.Add("externalId", MessageCodes.AccountExternalId, problem, ("platform", adapter.Platform));
            }
        }

        string? apiBaseUrl = null;
        if (adapter is not null && !string.IsNullOrWhiteSpace(request.ApiBaseUrl))
        {
            (apiBaseUrl, var refused) = baseUrls.Check(adapter.Platform, request.ApiBaseUrl);
            if (refused is not null)
            {
                var allowed = baseUrls.Allowed(adapter.Platform);
                errors.Add("apiBaseUrl", MessageCodes.AccountApiBaseUrl, refused, ("platform", adapter.Platform), ("allowed", allowed.Count == 0 ? "-" : string.Join(", ", allowed)));
            }
        }

        CheckCredentials(errors, request.Credentials, adapter);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var account = new Account
        {
            Id = Guid.NewGuid().ToString("N"),
            Opd = request.Opd!,
            Platform = adapter!.Platform,
            Name = request.Name!.Trim(),
            ExternalId = request.ExternalId!.Trim(),
            ProtectedCredentials = protector.Protect(request.Credentials!),
            ApiBaseUrl = apiBaseUrl,
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await accounts.AddAsync(account, cancellationToken);
        await audit.RecordAsync(Actor.Of(context), "account.created", "account", account.Id, $"{account.Platform} {account.Name}", cancellationToken);
        return TypedResults.Created($"/api/accounts/{account.Id}", AccountView.Of(account));
    }

    public static async Task<Ok<AccountView[]>> List(string? opd, IAccountStore accounts, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok((await accounts.ListAsync(Caller.Of(context).ScopeOpd(opd), cancellationToken)).Select(AccountView.Of).ToArray());

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Get(string id, IAccountStore accounts, HttpContext context, CancellationToken cancellationToken) =>
        await accounts.GetAsync(id, cancellationToken) is { } account && Caller.Of(context).Sees(account.Opd)
            ? TypedResults.Ok(AccountView.Of(account))
            : ApiResults.NotFound("account", id);

    /// <summary>Replaces an account's credentials; a re-authorised account's held deliveries resume on their own.</summary>
    public static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> ReplaceCredentials(
        string id,
        ReplaceCredentialsRequest request,
        IAccountStore accounts,
        AdapterRegistry adapters,
        AccountHolds holds,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(id, cancellationToken);
        if (account is null || !Caller.Of(context).Sees(account.Opd))
        {
            return ApiResults.NotFound("account", id);
        }

        var errors = new FieldErrors();
        CheckCredentials(errors, request.Credentials, adapters.Find(account.Platform));
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        await holds.ReplaceCredentialsAsync(id, request.Credentials!, Actor.Of(context), resume: true, cancellationToken);
        return TypedResults.Ok(AccountView.Of((await accounts.GetAsync(id, cancellationToken))!));
    }

    private static void CheckCredentials(FieldErrors errors, Dictionary<string, string>? credentials, Adapters.IChannelAdapter? adapter)
    {
        if (credentials is null || credentials.Count == 0)
        {
            errors.Add("credentials", MessageCodes.FieldRequired, "credentials are required (for example {\"accessToken\": \"...\"}).");
            return;
        }

        foreach (var problem in adapter?.CheckCredentials(credentials) ?? [])
        {
            errors.Add("credentials", MessageCodes.AccountCredentials, problem, ("platform", adapter!.Platform));
        }
    }
}
