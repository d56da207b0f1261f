namespace Broker.Accounts.Connect;

public enum ConnectionStatus
{
    /// <summary>Waiting for the person to consent on the platform.</summary>
    Pending,

    /// <summary>The callback arrived and the code is being exchanged.</summary>
    Exchanging,

    /// <summary>The platform offered accounts; waiting for the choice.</summary>
    Ready,

    /// <summary>The person declined on the platform's consent page.</summary>
    Denied,

    /// <summary>The code exchange failed, or the connection expired.</summary>
    Failed,

    /// <summary>Accounts were chosen and created; the offered credentials are gone.</summary>
    Completed,

    /// <summary>
    /// A choice was taken and its accounts are being created: the compare-and-set step that lets only one of two choices
    /// at once (a double click) create accounts. Last in the list: statuses are stored by name, and older ones keep theirs.
    /// </summary>
    Choosing,
}
