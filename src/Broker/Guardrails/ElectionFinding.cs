namespace Broker.Guardrails;

/// <summary>Terms of one period found in one place of an item (its title, its body, one channel's rendered text).</summary>
public sealed record ElectionFinding(string PeriodId, string Period, ElectionRule Rule, string Where, IReadOnlyList<string> Terms)
{
    public override string ToString() => $"{Period} ({(Rule == ElectionRule.Refuse ? "refuse" : "warn")}): {string.Join(", ", Terms.Select(t => $"'{t}'"))} in {Where}";
}
