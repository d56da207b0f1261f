namespace Broker.Storage;

/// <summary>A backup just taken: its folder's name under <c>backups/</c>, the full path, the database's size, when.</summary>
public sealed record BackupTaken(string Name, string Folder, long Bytes, DateTimeOffset TakenAt);
