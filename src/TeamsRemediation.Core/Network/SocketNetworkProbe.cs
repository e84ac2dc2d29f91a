using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// The real probe, in portable .NET (sockets and SslStream), so it runs the same on Windows and against test
    /// servers on 127.0.0.1. The certificate chain is recorded but never required: "the TLS 1.2 handshake works"
    /// and "the chain is not trusted" (TLS inspection) are different findings.
    /// </summary>
    public sealed class SocketNetworkProbe : INetworkProbe
    {
        private readonly Func<string, Task<IPAddress[]>> resolve;

        /// <param name="runtime">The runtime hosting the module: it decides which protocols the handshake may name
        /// (<see cref="TlsProbeProtocols"/>).</param>
        public SocketNetworkProbe(HostRuntime runtime)
            : this(runtime, Dns.GetHostAddressesAsync)
        {
        }

        /// <param name="runtime">The runtime hosting the module.</param>
        /// <param name="resolve">Name resolution; replaceable so a test can make a name fail without a DNS server.</param>
        public SocketNetworkProbe(HostRuntime runtime, Func<string, Task<IPAddress[]>> resolve)
        {
            OfferedProtocols = TlsProbeProtocols.For(runtime ?? throw new ArgumentNullException(nameof(runtime)));
            this.resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
        }

        /// <summary>What every handshake of this probe offers (0: the operating system's choice).</summary>
        public SslProtocols OfferedProtocols { get; }

        public async Task<EndpointProbeResult> ProbeAsync(ProbeEndpoint endpoint, ProxyRoute? proxy, CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            var state = new ProbeState();
            EndpointProbeResult result;
            try
            {
                result = await RunAsync(endpoint, proxy, state, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (cancellation.IsCancellationRequested
                && (e is OperationCanceledException || e is ObjectDisposedException || e is IOException || e is SocketException
                || e is AuthenticationException))
            {
                result = state.Fail(endpoint, ProbeOutcome.TimedOut, "No answer in time during " + StageName(state.Stage) + ".");
            }
            finally
            {
                state.Dispose();
            }

            result.Elapsed = clock.Elapsed;
            result.Proxy = proxy == null || proxy.Bypasses(endpoint.Host) ? string.Empty : proxy.Authority;
            return result;
        }

        private async Task<EndpointProbeResult> RunAsync(ProbeEndpoint endpoint, ProxyRoute? proxy, ProbeState state, CancellationToken cancellation)
        {
            var viaProxy = proxy != null && !proxy.Bypasses(endpoint.Host);
            var connectHost = viaProxy ? proxy!.Host : endpoint.Host;
            var connectPort = viaProxy ? proxy!.Port : endpoint.Port;

            state.Stage = "dns";
            IPAddress[] addresses;
            if (IPAddress.TryParse(connectHost, out var literal))
            {
                addresses = new[] { literal };
            }
            else
            {
                try
                {
                    addresses = await WithCancellation(resolve(connectHost), cancellation).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    return state.Fail(endpoint, ProbeOutcome.NameNotResolved,
                        (viaProxy ? "The proxy name " : "The name ") + connectHost + " did not resolve: " + e.Message);
                }

                if (addresses.Length == 0)
                {
                    return state.Fail(endpoint, ProbeOutcome.NameNotResolved, "The name " + connectHost + " resolved to no address.");
                }
            }

            state.Stage = "connect";
            var client = new TcpClient(addresses[0].AddressFamily);
            state.Own(client);
            using (cancellation.Register(state.Dispose))
            {
                try
                {
                    await client.ConnectAsync(addresses.Where(a => a.AddressFamily == addresses[0].AddressFamily).ToArray(),
                        connectPort).ConfigureAwait(false);
                }
                catch (SocketException e) when (!cancellation.IsCancellationRequested)
                {
                    var outcome = e.SocketErrorCode == SocketError.TimedOut ? ProbeOutcome.TimedOut : ProbeOutcome.ConnectFailed;
                    return state.Fail(endpoint, outcome, "TCP connect to " + (viaProxy ? "the proxy " : string.Empty) + connectHost + ":"
                        + connectPort + " failed: " + e.SocketErrorCode + ".");
                }

                Stream stream = client.GetStream();
                if (viaProxy)
                {
                    state.Stage = "proxy";
                    var refused = await ConnectThroughProxyAsync(stream, endpoint, proxy!, state, cancellation).ConfigureAwait(false);
                    if (refused != null)
                    {
                        return refused;
                    }
                }

                state.Stage = "tls";
                string chainProblem = string.Empty;
                string issuer = string.Empty;
                var tls = new SslStream(stream, false, (sender, certificate, chain, errors) =>
                {
                    // Record, never require: an untrusted chain is evidence (TLS inspection), not a failed handshake.
                    issuer = certificate?.Issuer ?? string.Empty;
                    chainProblem = errors == SslPolicyErrors.None ? string.Empty : DescribeChain(errors, chain);
                    return true;
                });
                state.Own(tls);
                try
                {
                    // TLS 1.2's own switches are the registry checks' job; the handshake offers what the runtime allows (TlsProbeProtocols).
                    await tls.AuthenticateAsClientAsync(endpoint.Host, null, OfferedProtocols, checkCertificateRevocation: false)
                        .ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested
                    && (e is AuthenticationException || e is IOException || e is SocketException))
                {
                    return state.Fail(endpoint, ProbeOutcome.TlsFailed,
                        "TLS handshake (1.2 or 1.3) with " + endpoint.Host + " failed: " + Innermost(e) + ".");
                }
                catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
                {
                    // The runtime refused the protocol choice before a byte was sent: a fault of this probe on this runtime, not of the network.
                    return state.Fail(endpoint, ProbeOutcome.InternalError, "This runtime refused to offer "
                        + TlsProbeProtocols.Describe(OfferedProtocols) + " in the TLS handshake with " + endpoint.Host + " (" + e.GetType().Name
                        + ": " + Innermost(e) + "); the network was not tested.");
                }

                var protocol = TlsProtocolNames.Describe(tls.SslProtocol);
                if (!TlsProtocolNames.IsEnoughForSignIn(tls.SslProtocol))
                {
                    var weak = state.Fail(endpoint, ProbeOutcome.TlsFailed, endpoint.Host + " negotiated only " + protocol
                        + ", which Entra ID refuses: something in between answered, or TLS 1.2 is switched off.");
                    weak.NegotiatedProtocol = protocol;
                    return weak;
                }

                state.Stage = "http";
                var request = "GET " + endpoint.Path + " HTTP/1.1\r\nHost: " + endpoint.Host
                    + (endpoint.Port == 443 ? string.Empty : ":" + endpoint.Port)
                    + "\r\nUser-Agent: TeamsRemediation\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
                var bytes = Encoding.ASCII.GetBytes(request);
                HttpResponseHead? answer;
                try
                {
                    await tls.WriteAsync(bytes, 0, bytes.Length, cancellation).ConfigureAwait(false);
                    answer = await HttpResponseHead.ReadAsync(tls, cancellation).ConfigureAwait(false);
                }
                catch (IOException e) when (!cancellation.IsCancellationRequested)
                {
                    answer = null;
                    state.Note = Innermost(e);
                }

                var result = answer == null
                    ? new EndpointProbeResult(endpoint, ProbeOutcome.NoHttpAnswer,
                    protocol + " handshake with " + endpoint.Host + " worked, but no HTTP answer came back"
                        + (state.Note.Length > 0 ? ": " + state.Note : ".") )
                    : endpoint.ExpectsJson && answer.IsHtml
                        ? new EndpointProbeResult(endpoint, ProbeOutcome.HtmlInsteadOfService,
                        endpoint.Host + " answered " + endpoint.Path + " with an HTML page (HTTP " + answer.Status + ", " + answer.ContentType
                            + ") where the service sends JSON: a proxy, firewall or portal answered instead.")
                        : new EndpointProbeResult(endpoint, ProbeOutcome.Ok,
                        protocol + " with " + endpoint.Host + " works (HTTP " + answer.Status + ").");
                result.Stage = "http";
                result.NegotiatedProtocol = protocol;
                result.TlsHandshakeSucceeded = true;
                result.CertificateProblem = chainProblem;
                result.CertificateIssuer = issuer;
                result.HttpStatus = answer?.Status;
                result.ContentType = answer?.ContentType ?? string.Empty;
                result.ServerDate = answer?.Date;
                return result;
            }
        }

        private static async Task<EndpointProbeResult?> ConnectThroughProxyAsync(Stream stream, ProbeEndpoint endpoint, ProxyRoute proxy,
            ProbeState state, CancellationToken cancellation)
        {
            var connect = Encoding.ASCII.GetBytes("CONNECT " + endpoint.Authority + " HTTP/1.1\r\nHost: " + endpoint.Authority
                + "\r\nUser-Agent: TeamsRemediation\r\n\r\n");
            HttpResponseHead? answer;
            try
            {
                await stream.WriteAsync(connect, 0, connect.Length, cancellation).ConfigureAwait(false);
                answer = await HttpResponseHead.ReadAsync(stream, cancellation, isConnect: true).ConfigureAwait(false);
            }
            catch (IOException e) when (!cancellation.IsCancellationRequested)
            {
                return state.Fail(endpoint, ProbeOutcome.ProxyRefused,
                    "The proxy " + proxy.Authority + " closed the connection on CONNECT " + endpoint.Authority + ": " + Innermost(e) + ".");
            }

            if (answer == null)
            {
                return state.Fail(endpoint, ProbeOutcome.ProxyRefused,
                    "The proxy " + proxy.Authority + " gave no HTTP answer to CONNECT " + endpoint.Authority + ".");
            }

            if (answer.Status / 100 == 2)
            {
                return null;
            }

            var outcome = answer.IsHtml ? ProbeOutcome.HtmlInsteadOfService : ProbeOutcome.ProxyRefused;
            var result = state.Fail(endpoint, outcome, "The proxy " + proxy.Authority + " refused CONNECT " + endpoint.Authority + " with HTTP "
                + answer.Status + (answer.IsHtml ? " and an HTML page" : string.Empty)
                + (answer.Status == 407 ? " (proxy authentication required)" : string.Empty) + ".");
            result.HttpStatus = answer.Status;
            result.ContentType = answer.ContentType;
            return result;
        }

        private static string DescribeChain(SslPolicyErrors errors, X509Chain? chain)
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? new string[0];
            return errors + (statuses.Length > 0 ? " (" + string.Join(", ", statuses) + ")" : string.Empty);
        }

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e.Message.TrimEnd('.');
        }

        private static string StageName(string stage)
        {
            switch (stage)
            {
                case "dns": return "name resolution";
                case "connect": return "the TCP connect";
                case "proxy": return "the proxy CONNECT";
                case "tls": return "the TLS 1.2 handshake";
                case "http": return "the HTTP request";
                default: return "the probe";
            }
        }

        private static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken cancellation)
        {
            var cancelled = new TaskCompletionSource<bool>();
            using (cancellation.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    // The lookup goes on in the background; observe its end so it never surfaces as unobserved.
                    _ = task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                    throw new OperationCanceledException(cancellation);
                }
            }

            return await task.ConfigureAwait(false);
        }

        /// <summary>The stage reached and the disposables to close when the time is up (closing is what cancels socket I/O on .NET
        /// Framework).</summary>
        private sealed class ProbeState : IDisposable
        {
            private readonly object gate = new object();
            private readonly System.Collections.Generic.List<IDisposable> owned = new System.Collections.Generic.List<IDisposable>();

            public string Stage { get; set; } = "dns";

            public string Note { get; set; } = string.Empty;

            public void Own(IDisposable disposable)
            {
                lock (gate)
                {
                    owned.Add(disposable);
                }
            }

            public EndpointProbeResult Fail(ProbeEndpoint endpoint, ProbeOutcome outcome, string detail) =>
                new EndpointProbeResult(endpoint, outcome, detail) { Stage = Stage };

            public void Dispose()
            {
                IDisposable[] all;
                lock (gate)
                {
                    all = owned.ToArray();
                    owned.Clear();
                }

                foreach (var d in all)
                {
                    try
                    {
                        d.Dispose();
                    }
                    catch (Exception)
                    {
                        // Closing a socket that is mid-operation may throw on some frameworks; it is closed either way.
                    }
                }
            }
        }
    }
}
