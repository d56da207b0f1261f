namespace Broker.Dispatch;

/// <summary>One node: one lock for every account (holds are rare, so a turn per account would buy nothing).</summary>
internal sealed class LocalAccountTurns : IAccountTurns, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IAsyncDisposable> TakeAsync(string accountId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Turn(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
