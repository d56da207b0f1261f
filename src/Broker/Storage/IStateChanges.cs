namespace Broker.Storage;

/// <summary>
/// Compare-and-set for the state of items and deliveries: every change of state is made through here, so of two callers
/// acting on the same version one wins and the other learns it lost (a provider does the check and the write in one
/// step: the single writer's turn in LiteDB, <c>UPDATE ... WHERE id = @id AND version = @v</c> in a transaction elsewhere).
/// </summary>
public interface IStateChanges
{
    /// <summary>
    /// Writes <paramref name="change"/> atomically if every item and delivery it updates is still stored at the version
    /// it carries. Then each updated entity is stored, and left in memory, with its version plus one, and the answer is
    /// true. Otherwise nothing is written, the entities keep their versions, and the answer is false: read them again.
    /// </summary>
    Task<bool> CommitAsync(StateChange change, CancellationToken cancellationToken);
}
