namespace Broker.Accounts.Connect;

/// <summary>The result of one connection step: its value, or the problem that refused it.</summary>
public sealed record ConnectionStep<T>(T? Value, ConnectionProblem? Problem)
    where T : class
{
    public static ConnectionStep<T> Done(T value) => new(value, null);

    public static ConnectionStep<T> Refused(ConnectionProblem problem) => new(null, problem);
}
