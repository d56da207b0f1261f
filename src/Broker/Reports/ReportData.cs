using Broker.Accounts;
using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Reports;

/// <summary>What the reports read, already limited to the OPDs a query covers.</summary>
public sealed record ReportData(
    IReadOnlyList<Opd> Opds,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<Item> Items,
    IReadOnlyList<Delivery> Deliveries)
{
    public IReadOnlyDictionary<string, Account> AccountsById { get; } = Accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);

    public string OpdName(string code) => Opds.FirstOrDefault(o => o.Id == code)?.Name ?? code;
}
