namespace Broker.Storage;

/// <summary>
/// The durable note, made before the platform is called, that a delivery is about to reach it: what start-up recovery
/// trusts to reconcile a delivery whose outcome a crash lost. On LiteDB it is <see cref="LiteDb.IntentJournal"/>, a file fsynced
/// before the call (a LiteDB commit is not durable when it returns); on PostgreSQL it is the committed claim row itself
/// (<see cref="Cluster.ClaimIntentJournal"/>).
/// </summary>
public interface IIntentJournal
{
    /// <summary>Durably notes that delivery <paramref name="deliveryId"/> is about to reach its platform.</summary>
    /// <returns>A task that completes once the note is durable.</returns>
    Task RecordAsync(string deliveryId, CancellationToken cancellationToken);
}
