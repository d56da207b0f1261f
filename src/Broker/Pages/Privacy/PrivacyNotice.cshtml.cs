using Broker.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broker.Pages.Privacy;

/// <summary>What the broker collects about ASN and visitors, why, and for how long (UU PDP 27/2022). Open to anyone.</summary>
[AllowAnonymous]
public sealed class PrivacyNoticeModel(IOptions<PrivacyOptions> options) : PageModel
{
    public int RetentionDays => (int)options.Value.ClickRetention.TotalDays;
}
