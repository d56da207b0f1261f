using Broker.Hosting;
using Broker.Storage;

// A command (`broker migrate --to postgres`) runs and exits; without one the broker serves.
if (BrokerCommands.IsCommand(args))
{
    return await BrokerCommands.RunAsync(args);
}

var app = BrokerApp.Build(args);
var failStop = app.Services.GetRequiredService<FailStop>();
await app.RunAsync();

// A broker that stopped itself after a failed fsync exits non-zero, so a service manager restarts it.
return failStop.IsTripped ? 1 : 0;
