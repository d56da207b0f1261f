using Broker.Hosting;
using Broker.Storage;

// A command (`broker migrate --to postgres`) runs and exits; without one the broker serves.
if (BrokerCommands.IsCommand(args))
{
    return await BrokerCommands.RunAsync(args);
}

WebApplication app;
try
{
    app = BrokerApp.Build(args);
}
catch (Exception e) when (BadConfiguration.ProblemsOf(e) is { } problems)
{
    // Bad settings: one message naming every key at fault, and a non-zero exit, rather than a stack trace.
    await Console.Error.WriteLineAsync(BadConfiguration.Describe(problems));
    return 2;
}

var failStop = app.Services.GetRequiredService<FailStop>();
await app.RunAsync();

// A broker that stopped itself after a failed fsync exits non-zero, so a service manager restarts it.
return failStop.IsTripped ? 1 : 0;
