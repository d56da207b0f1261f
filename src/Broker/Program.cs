using Broker.Hosting;

await BrokerApp.Build(args).RunAsync();
