using Broker.Api;
using Broker.Audit;
using Broker.Storage;

namespace Broker.Guardrails;

/// <summary>Creates and changes election periods: checked, audited, each change over the version the editor read.</summary>
public sealed class ElectionPeriods(IElectionPeriodStore store, Auditor audit, TimeProvider time)
{
    public const int MaxTerms = 500;

    public const int MaxTerm = 100;

    public static FieldErrors Check(ElectionPeriodRequest request)
    {
        var errors = new FieldErrors();
        errors.Text("name", request.Name, 200);
        if (ParseKind(request.Kind) is null)
        {
            errors.Add("kind", "kind must be campaign, quietPeriod or votingDay.");
        }

        if (ParseRule(request.Rule) is null)
        {
            errors.Add("rule", "rule must be warn or refuse.");
        }

        if (request.StartsAt is not { } start || request.EndsAt is not { } end || !SupportedDates.Contains(start) || !SupportedDates.Contains(end) || end <= start)
        {
            errors.Add("endsAt", "startsAt and endsAt are required, and endsAt must come after startsAt.");
        }

        var terms = Terms(request);
        if (terms.Count == 0 || terms.Count > MaxTerms)
        {
            errors.Add("terms", $"terms must list 1 to {MaxTerms} names, numbers or slogans.");
        }

        if (terms.FirstOrDefault(t => t.Length > MaxTerm) is { } tooLong)
        {
            errors.Add("terms", $"The term '{tooLong[..20]}…' is longer than {MaxTerm} characters.");
        }

        return errors;
    }

    public async Task<ElectionPeriod> CreateAsync(ElectionPeriodRequest request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var period = new ElectionPeriod { Id = Guid.NewGuid().ToString("N"), Name = "", CreatedBy = actor, CreatedAt = now };
        Apply(period, request, now);
        await store.AddAsync(period, cancellationToken);
        await audit.RecordAsync(actor, "election.periodCreated", "electionPeriod", period.Id, Describe(period), cancellationToken);
        return period;
    }

    /// <summary>Changes a checked request's period over <see cref="ElectionPeriodRequest.Version"/>; a conflict when it moved on.</summary>
    public async Task<OperationResult> ChangeAsync(ElectionPeriod period, ElectionPeriodRequest request, string actor, CancellationToken cancellationToken)
    {
        if (request.Version is { } read && read != period.Version)
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ElectionPeriodChangedMeanwhile, $"The period was changed by someone else meanwhile (it is at version {period.Version}, you read {read}). Nothing was done."));
        }

        Apply(period, request, time.GetUtcNow());
        if (!await store.TryReplaceAsync(period, cancellationToken))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.ElectionPeriodChangedMeanwhile, "The period was changed by someone else meanwhile. Nothing was done."));
        }

        await audit.RecordAsync(actor, "election.periodChanged", "electionPeriod", period.Id, Describe(period), cancellationToken);
        return OperationResult.Ok;
    }

    public static ElectionKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "campaign" => ElectionKind.Campaign,
        "quietperiod" => ElectionKind.QuietPeriod,
        "votingday" => ElectionKind.VotingDay,
        _ => null,
    };

    public static ElectionRule? ParseRule(string? rule) => rule?.Trim().ToLowerInvariant() switch
    {
        "warn" => ElectionRule.Warn,
        "refuse" => ElectionRule.Refuse,
        _ => null,
    };

    private static List<string> Terms(ElectionPeriodRequest request) =>
        [.. (request.Terms ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static void Apply(ElectionPeriod period, ElectionPeriodRequest request, DateTimeOffset now)
    {
        period.Name = request.Name!.Trim();
        period.Kind = ParseKind(request.Kind)!.Value;
        period.Rule = ParseRule(request.Rule)!.Value;
        period.FreezeAsnSharing = request.FreezeAsnSharing ?? false;
        period.StartsAt = request.StartsAt!.Value;
        period.EndsAt = request.EndsAt!.Value;
        period.Terms = Terms(request);
        period.UpdatedAt = now;
    }

    private static string Describe(ElectionPeriod p) =>
        $"{p.Name}: {p.Kind} {p.StartsAt:u} to {p.EndsAt:u}, rule {p.Rule}, ASN sharing {(p.FreezeAsnSharing ? "frozen" : "open")}, {p.Terms.Count} terms";
}
