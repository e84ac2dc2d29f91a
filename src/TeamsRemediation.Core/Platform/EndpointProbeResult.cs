using System;

namespace TeamsRemediation.Platform
{
    /// <summary>How far a probe got. Each failure maps to a different CAA code family, so they are kept apart.</summary>
    public enum ProbeOutcome
    {
        /// <summary>TLS 1.2 handshake done and the service answered.</summary>
        Ok,

        /// <summary>The name did not resolve (CAA82EE7).</summary>
        NameNotResolved,

        /// <summary>TCP connect refused or unreachable (CAA82EFD).</summary>
        ConnectFailed,

        /// <summary>No answer within the time given, at the stage named in the result (CAA82EE2).</summary>
        TimedOut,

        /// <summary>The proxy refused the CONNECT request (CAA70004).</summary>
        ProxyRefused,

        /// <summary>The TLS 1.2 handshake failed (CAA82F8F, secure channel).</summary>
        TlsFailed,

        /// <summary>An HTML page came back where the service answers JSON: a proxy or portal (CAA90015, CAA60007).</summary>
        HtmlInsteadOfService,

        /// <summary>TLS 1.2 worked but no HTTP answer came back.</summary>
        NoHttpAnswer,

        /// <summary>The probe itself failed (a fault of this module or its runtime): says nothing about the network.</summary>
        InternalError,
    }

    /// <summary>What one probe found, with enough detail to explain it to an admin.</summary>
    public sealed class EndpointProbeResult
    {
        public EndpointProbeResult(ProbeEndpoint endpoint, ProbeOutcome outcome, string detail)
        {
            Endpoint = endpoint;
            Outcome = outcome;
            Detail = detail ?? string.Empty;
        }

        public ProbeEndpoint Endpoint { get; }

        public ProbeOutcome Outcome { get; }

        /// <summary>One sentence: what happened at which stage.</summary>
        public string Detail { get; }

        /// <summary>The stage reached: dns, connect, proxy, tls, http.</summary>
        public string Stage { get; set; } = string.Empty;

        /// <summary>The TLS handshake with TLS 1.2 completed (whatever the certificate chain).</summary>
        public bool TlsHandshakeSucceeded { get; set; }

        /// <summary>Certificate chain problems seen during the handshake (untrusted root = likely TLS inspection); empty when the chain is
        /// fine.</summary>
        public string CertificateProblem { get; set; } = string.Empty;

        /// <summary>Issuer of the server certificate, to tell a TLS-inspecting proxy's CA from Microsoft's.</summary>
        public string CertificateIssuer { get; set; } = string.Empty;

        public int? HttpStatus { get; set; }

        public string ContentType { get; set; } = string.Empty;

        /// <summary>The HTTP Date header, when the answer carried one.</summary>
        public DateTimeOffset? ServerDate { get; set; }

        /// <summary>The proxy used, "host:port", or empty for a direct connection.</summary>
        public string Proxy { get; set; } = string.Empty;

        public TimeSpan Elapsed { get; set; }
    }
}
