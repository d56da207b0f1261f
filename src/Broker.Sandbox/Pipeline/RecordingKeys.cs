namespace Broker.Sandbox.Pipeline;

/// <summary>HttpContext.Items keys the pipeline leaves for the recorder.</summary>
internal static class RecordingKeys
{
    public const string Platform = "sandbox.platform";
    public const string Endpoint = "sandbox.endpoint";
    public const string Auth = "sandbox.auth";
    public const string Fault = "sandbox.fault";
    public const string Dropped = "sandbox.dropped";
}
