namespace Broker.Dispatch;

public enum DeliveryStatus
{
    Scheduled,
    Publishing,
    Retrying,
    Published,
    Failed,
    Held,
    Cancelled,
}
