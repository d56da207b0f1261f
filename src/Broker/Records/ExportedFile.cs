namespace Broker.Records;

/// <summary>One file of a records export as the manifest lists it.</summary>
public sealed record ExportedFile(string Name, long Bytes, long Rows, string Sha256);
