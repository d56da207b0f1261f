namespace Broker.Adapters.X.Text;

/// <summary>Where a URL sits in a text (UTF-16 offsets).</summary>
internal readonly record struct XUrlSpan(int Start, int Length);
