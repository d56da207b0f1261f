namespace Broker.Storage.PostgreSql;

public static class PgStorageExtensions
{
    /// <summary>The shared store: every store on one PostgreSQL database, its schema migrated at first use.</summary>
    public static IHostApplicationBuilder AddPostgreSqlStores(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PgDatabase>();
        return builder;
    }
}
