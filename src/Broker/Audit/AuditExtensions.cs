namespace Broker.Audit;

public static class AuditExtensions
{
    /// <summary>The audit trail's entries, recorded with each state change (the trail itself is a store: <c>IAuditLog</c>).</summary>
    public static IHostApplicationBuilder AddBrokerAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Auditor>();
        return builder;
    }
}
