namespace Broker.Storage;

/// <summary>
/// A write refused because a key it needs (an id, a NIP, a user's token hash) is taken: already stored, or twice in the
/// write itself. Nothing of the refused write was kept. Every provider throws this one, so callers need not know which
/// store they have.
/// </summary>
public sealed class DuplicateKeyException : InvalidOperationException
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
