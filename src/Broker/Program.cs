using Broker.Hosting;
using Broker.Storage;

var app = BrokerApp.Build(args);
var failStop = app.Services.GetRequiredService<FailStop>();
await app.RunAsync();

// A broker that stopped itself after a failed fsync exits non-zero, so a service manager restarts it.
return failStop.IsTripped ? 1 : 0;
