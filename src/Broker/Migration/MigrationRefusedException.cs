namespace Broker.Migration;

/// <summary>The migration cannot start or cannot finish; the message says why and what to do, for the operator.</summary>
internal sealed class MigrationRefusedException : Exception
{
    public MigrationRefusedException()
    {
    }

    public MigrationRefusedException(string message)
        : base(message)
    {
    }

    public MigrationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
