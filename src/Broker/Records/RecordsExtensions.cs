namespace Broker.Records;

public static class RecordsExtensions
{
    public static IHostApplicationBuilder AddBrokerRecords(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RecordsExport>();
        return builder;
    }
}
