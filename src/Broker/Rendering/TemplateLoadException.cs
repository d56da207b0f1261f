namespace Broker.Rendering;

/// <summary>A template in the templates folder does not parse; the message names its file, line and column.</summary>
public sealed class TemplateLoadException(string message) : Exception(message);
