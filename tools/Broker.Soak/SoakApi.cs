using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Broker.Soak;

/// <summary>
/// The broker's HTTP API as the soak uses it: every call goes through here, so authenticating the soak is one change.
/// A refused call throws: the soak's own requests are valid, so a refusal is a finding, not noise.
/// </summary>
internal sealed class SoakApi(HttpClient http) : IDisposable
{
    private const string AllStatuses = "scheduled,publishing,retrying,published,failed,held,cancelled";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task CreateOpdAsync(string code, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, "api/opds", new { code, name = "Dinas uji ketahanan" }, cancellationToken);

    public async Task<AccountRow> CreateAccountAsync(string opd, string platform, string externalId, object credentials, CancellationToken cancellationToken) =>
        await SendAsync<AccountRow>(HttpMethod.Post, "api/accounts", new { opd, platform, name = $"{platform} {externalId}", externalId, credentials }, cancellationToken);

    public Task<IReadOnlyList<AccountRow>> ListAccountsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AccountRow>>(HttpMethod.Get, "api/accounts", null, cancellationToken);

    public Task ReplaceCredentialsAsync(string accountId, object credentials, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"api/accounts/{accountId}/credentials", new { credentials }, cancellationToken);

    public async Task<string> UploadPhotoAsync(byte[] jpeg, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "soak.jpg");
        using var response = await http.PostAsync(new Uri("api/media", UriKind.Relative), form, cancellationToken);
        return (await ReadAsync<IdRow>(response, "POST api/media", cancellationToken)).Id;
    }

    /// <summary>Submits an item and approves it at once; returns the deliveries the approval created.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> SubmitAndApproveAsync(object item, CancellationToken cancellationToken)
    {
        var submitted = await SendAsync<IdRow>(HttpMethod.Post, "api/items", item, cancellationToken);
        var approved = await SendAsync<ItemRow>(HttpMethod.Post, $"api/items/{submitted.Id}/approve", new { }, cancellationToken);
        return approved.Deliveries;
    }

    /// <summary>Every delivery, following the list's pages (<c>X-Next-Cursor</c>) to the last.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ListDeliveriesAsync(CancellationToken cancellationToken)
    {
        var all = new List<DeliveryRow>();
        for (string? cursor = null; ;)
        {
            var path = $"api/deliveries?status={AllStatuses}&limit=200" + (cursor is null ? string.Empty : "&cursor=" + cursor);
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            all.AddRange(await ReadAsync<IReadOnlyList<DeliveryRow>>(response, $"GET {path}", cancellationToken));
            if (!response.Headers.TryGetValues("X-Next-Cursor", out var next))
            {
                return all;
            }

            cursor = next.Single();
        }
    }

    public Task<IReadOnlyList<AuditRow>> AuditAsync(string objectId, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AuditRow>>(HttpMethod.Get, $"api/audit?objectId={Uri.EscapeDataString(objectId)}", null, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, $"{method} {path}", cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {text}");
        }

        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"{call} answered an empty body.");
    }

    private sealed record IdRow(string Id);

    private sealed record ItemRow(string Id, IReadOnlyList<DeliveryRow> Deliveries);
}
