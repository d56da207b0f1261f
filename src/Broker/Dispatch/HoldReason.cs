namespace Broker.Dispatch;

/// <summary>Why a delivery is held: its stable code (<see cref="DeliveryReasonCodes"/>) and its English words.</summary>
public sealed record HoldReason(string Code, string Text);
