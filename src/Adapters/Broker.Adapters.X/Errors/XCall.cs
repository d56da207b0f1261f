namespace Broker.Adapters.X.Errors;

/// <summary>Which kind of call failed: only the publish call can have created a post.</summary>
internal enum XCall
{
    /// <summary><c>POST /2/tweets</c>.</summary>
    Publish,

    /// <summary>Media upload steps: never visible, safe to repeat.</summary>
    Upload,

    /// <summary>Reads (reconciliation).</summary>
    Read,

    /// <summary><c>DELETE /2/tweets/:id</c>: idempotent, so a call without an answer is simply tried again.</summary>
    Delete,
}
