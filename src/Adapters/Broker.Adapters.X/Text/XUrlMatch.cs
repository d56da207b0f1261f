namespace Broker.Adapters.X.Text;

/// <summary>
/// One match of twitter-text's URL pattern (UTF-16 offsets): where it starts, whether it starts with a protocol,
/// its domain, where its path and query start (after any port) and where they end (trailing punctuation left out).
/// </summary>
internal readonly record struct XUrlMatch(int Start, bool HasProtocol, int DomainStart, int DomainEnd, int TailStart, int End);
