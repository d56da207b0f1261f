using Broker.Dispatch;
using Broker.Reports;

namespace Broker.Tests.Reports;

public sealed class FailureReasonTests
{
    [Theory]
    [InlineData("Facebook refused a parameter of the post (Graph error 100 (HTTP 400): Invalid parameter: link, fbtrace_id A1)", "Facebook refused a parameter of the post")]
    [InlineData("Facebook refused a parameter of the post (Graph error 100 (HTTP 400): Invalid parameter: link, fbtrace_id B2)", "Facebook refused a parameter of the post")]
    [InlineData("The platform did not answer (timeout) (gave up after 6 attempts)", "The platform did not answer")]
    [InlineData("An Instagram post needs 1 to 10 photos; this one has 0.", "An Instagram post needs 1 to 10 photos; this one has 0.")]
    [InlineData("Account needs re-authorisation: token revoked", DeliveryHealthReport.ReauthorizationReason)]
    [InlineData("Stale: it was due at 2026-11-01 00:00:00Z while the broker was down, more than 02:00:00 ago; an editor must retry or cancel it.", DeliveryHealthReport.StaleReason)]
    [InlineData(null, "(no reason recorded)")]
    public void Failures_group_by_the_adapters_advice_without_trace_ids_or_attempt_counts(string? error, string reason) =>
        Assert.Equal(reason, DeliveryHealthReport.Reason(new Delivery { Id = "d", ItemId = "i", AccountId = "a", Platform = "facebook", Text = "t", Error = error }));
}
