namespace Broker.Guardrails;

public enum ElectionKind
{
    Campaign,
    QuietPeriod,
    VotingDay,
}
