namespace Broker.Storage;

/// <summary>A write refused, or failed, because an fsync has failed in this process (<see cref="FailStop"/>).</summary>
/// <remarks>An <see cref="IOException"/>, so LiteDB closes its engine when it meets one inside an operation.</remarks>
public sealed class FailStopException : IOException
{
    public FailStopException()
    {
    }

    public FailStopException(string message)
        : base(message)
    {
    }

    public FailStopException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
