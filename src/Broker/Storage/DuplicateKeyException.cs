namespace Broker.Storage;

/// <summary>
/// An insert refused because an entity with the same id (or other unique key, such as a user's token hash) is already
/// stored. Every provider answers a duplicate with this, and writes nothing of the refused insert.
/// </summary>
public sealed class DuplicateKeyException : Exception
{
    public DuplicateKeyException()
    {
    }

    public DuplicateKeyException(string message)
        : base(message)
    {
    }

    public DuplicateKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
