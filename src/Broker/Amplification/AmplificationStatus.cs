namespace Broker.Amplification;

public enum AmplificationStatus
{
    Requested,
    Accepted,
    Declined,
}
