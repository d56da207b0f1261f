namespace Broker.Storage;

/// <summary>
/// What one batch of <see cref="IArchiveStore.ArchiveAsync"/> moved, and where the next batch goes on from (null: the
/// candidates are all read; items left behind, a delivery still held say, are passed over until the next round).
/// </summary>
public sealed record ArchiveBatch(int Items, int Deliveries, PageCursor? Next);
