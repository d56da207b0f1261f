namespace Broker.Intake;

public enum ItemStatus
{
    Submitted,
    SentBack,
    Rejected,
    Approved,
    Published,
    Failed,

    /// <summary>Withdrawn by an editor after approval: its posts are removed and its share links answer 410.</summary>
    Retracted,
}
