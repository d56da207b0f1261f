namespace Broker.Guardrails;

/// <summary>What a suspension stops: every account, one OPD's accounts, or one account.</summary>
public enum SuspensionScope
{
    City,
    Opd,
    Account,
}
