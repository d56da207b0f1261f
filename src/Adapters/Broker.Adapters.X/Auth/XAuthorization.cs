using System.Net.Http.Headers;

namespace Broker.Adapters.X.Auth;

/// <summary>How requests for one account are authorised: signed with OAuth 1.0a, or with an OAuth 2.0 bearer token.</summary>
internal abstract record XAuthorization
{
    private XAuthorization()
    {
    }

    /// <summary>Adds the <c>Authorization</c> header (JSON and multipart bodies are never part of the signature).</summary>
    public abstract void Apply(HttpRequestMessage request);

    public sealed record OAuth1(OAuth1Credentials Credentials, OAuth1Signer Signer) : XAuthorization
    {
        public override void Apply(HttpRequestMessage request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var header = Signer.CreateAuthorizationHeader(request.Method, request.RequestUri!, Credentials);
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }
    }

    public sealed record Bearer(string AccessToken) : XAuthorization
    {
        public override void Apply(HttpRequestMessage request)
        {
            ArgumentNullException.ThrowIfNull(request);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        public override string ToString() => "Bearer { }";
    }
}
