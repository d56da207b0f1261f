namespace Broker.Intake;

public enum ItemStatus
{
    Submitted,
    SentBack,
    Rejected,
    Approved,
    Published,
    Failed,
}
