namespace Broker.Guardrails;

/// <summary>
/// What an election period in force does to a share list: sharing frozen until <see cref="Until"/>, or
/// <see cref="Withheld"/> items left out because they name its terms.
/// </summary>
public sealed record ShareHold(string Period, DateTimeOffset Until, bool Frozen, int Withheld);
