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

        /// <summary>
        /// The probe got no fair chance before the run's deadline (it never started, or stopped at the deadline after less than the
        /// time a silent endpoint needs to mean a timeout, as on a PC too busy to give it a thread): says nothing about the network.
        /// </summary>
        NotProbed,
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

        /// <summary>The TLS handshake (1.2 or 1.3) completed (whatever the certificate chain).</summary>
        public bool TlsHandshakeSucceeded { get; set; }

        /// <summary>The protocol the handshake negotiated, "TLS 1.3" or "TLS 1.2"; empty when no handshake completed.</summary>
        public string NegotiatedProtocol { get; set; } = string.Empty;

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

        /// <summary>How long the probe ran, from its start to its result: a timeout after less than its fair time is NotProbed, so a
        /// probe port that does not set this never fails a check with a timeout.</summary>
        public TimeSpan Elapsed { get; set; }
    }
}
