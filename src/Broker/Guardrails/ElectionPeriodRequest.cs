namespace Broker.Guardrails;

/// <summary>
/// An election period as an editor sets it. <c>kind</c>: campaign, quietPeriod or votingDay; <c>rule</c>: warn or refuse;
/// <c>terms</c>: candidate and party names, ballot numbers, slogans. On a change, <c>version</c> is the one read.
/// </summary>
public sealed record ElectionPeriodRequest(
    string? Name,
    string? Kind,
    string? Rule,
    bool? FreezeAsnSharing,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<string>? Terms,
    long? Version = null);
