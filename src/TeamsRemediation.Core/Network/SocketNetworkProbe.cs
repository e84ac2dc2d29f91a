using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// The real probe, in portable .NET (sockets and SslStream), so it runs the same on Windows and against test
    /// servers on 127.0.0.1. The certificate chain is recorded but never required: "the TLS 1.2 handshake works"
    /// and "the chain is not trusted" (TLS inspection) are different findings. Blocking sockets on the caller's own thread,
    /// never async I/O: an async socket's completions and a cancellation timer run on the thread pool, so on a PC whose pool
    /// is taken a silent endpoint would read as "not probed" instead of a timeout. Every wait is bounded by the deadline.
    /// </summary>
    public sealed class SocketNetworkProbe : INetworkProbe
    {
        private readonly Func<string, IPAddress[]> resolve;

        /// <param name="runtime">The runtime hosting the module: it decides which protocols the handshake may name
        /// (<see cref="TlsProbeProtocols"/>).</param>
        public SocketNetworkProbe(HostRuntime runtime)
            : this(runtime, Dns.GetHostAddresses)
        {
        }

        /// <param name="runtime">The runtime hosting the module.</param>
        /// <param name="resolve">Name resolution, blocking: it runs on a thread of its own and is waited for at most until the
        /// deadline (a lookup cannot be interrupted). Replaceable so a test can make a name fail without a DNS server.</param>
        public SocketNetworkProbe(HostRuntime runtime, Func<string, IPAddress[]> resolve)
        {
            OfferedProtocols = TlsProbeProtocols.For(runtime ?? throw new ArgumentNullException(nameof(runtime)));
            this.resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
        }

        /// <summary>What every handshake of this probe offers (0: the operating system's choice).</summary>
        public SslProtocols OfferedProtocols { get; }

        public EndpointProbeResult Probe(ProbeEndpoint endpoint, ProxyRoute? proxy, ProbeDeadline deadline)
        {
            var clock = Stopwatch.StartNew();
            var state = new ProbeState();
            EndpointProbeResult result;
            try
            {
                result = Run(endpoint, proxy, state, deadline);
            }
            catch (Exception e) when (TimedOut(e, deadline) && (e is TimeoutException || e is IOException || e is SocketException
                || e is AuthenticationException || e is ObjectDisposedException))
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

        private EndpointProbeResult Run(ProbeEndpoint endpoint, ProxyRoute? proxy, ProbeState state, ProbeDeadline deadline)
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
                    addresses = Resolve(connectHost, deadline);
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
            Socket socket;
            try
            {
                socket = Connect(addresses.Where(a => a.AddressFamily == addresses[0].AddressFamily), connectPort, deadline);
            }
            catch (SocketException e) when (!TimedOut(e, deadline))
            {
                return state.Fail(endpoint, ProbeOutcome.ConnectFailed, "TCP connect to " + (viaProxy ? "the proxy " : string.Empty) + connectHost
                    + ":" + connectPort + " failed: " + e.SocketErrorCode + ".");
            }

            Stream stream = new DeadlineStream(socket, deadline);
            state.Own(stream);
            if (viaProxy)
            {
                state.Stage = "proxy";
                var refused = ConnectThroughProxy(stream, endpoint, proxy!, state, deadline);
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
                tls.AuthenticateAsClient(endpoint.Host, null, OfferedProtocols, checkCertificateRevocation: false);
            }
            catch (Exception e) when (!TimedOut(e, deadline) && (e is AuthenticationException || e is IOException || e is SocketException))
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
                tls.Write(bytes, 0, bytes.Length);
                answer = HttpResponseHead.Read(tls);
            }
            catch (IOException e) when (!TimedOut(e, deadline))
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

        /// <summary>The addresses of a name, or a TimeoutException when the lookup has not answered by the deadline.</summary>
        private IPAddress[] Resolve(string host, ProbeDeadline deadline)
        {
            var lookup = OwnThread.Run("TeamsRemediation name lookup", () => resolve(host));
            try
            {
                if (lookup.Wait(deadline.Remaining))
                {
                    return lookup.Result;
                }
            }
            catch (AggregateException e)
            {
                // The resolver's own exception as it was thrown: a SocketException is the name's answer, anything else a fault.
                ExceptionDispatchInfo.Capture(e.GetBaseException()).Throw();
                throw;
            }

            // The lookup goes on until the resolver gives up; observe its end so it never surfaces as unobserved.
            lookup.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new TimeoutException("No answer from the name resolver in time.");
        }

        /// <summary>
        /// A TCP connection to the first address that accepts, tried in turn; each connect waits at most until the deadline (a
        /// non-blocking connect and a wait on the socket: a blocking connect cannot be given a timeout). Throws the last refusal
        /// as a SocketException, or a TimeoutException when the deadline comes first.
        /// </summary>
        private static Socket Connect(IEnumerable<IPAddress> addresses, int port, ProbeDeadline deadline)
        {
            SocketException? refused = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Blocking = false;
                    try
                    {
                        socket.Connect(new IPEndPoint(address, port));
                    }
                    catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock || e.SocketErrorCode == SocketError.InProgress)
                    {
                        // Under way: the wait below tells how it ends.
                    }

                    // Windows reports a refused connect in the error set, Unix in the write set: wait for either.
                    var connected = new List<Socket> { socket };
                    var failed = new List<Socket> { socket };
                    Socket.Select(null, connected, failed, (int)Math.Min(int.MaxValue, deadline.Remaining.Ticks / 10));
                    if (connected.Count == 0 && failed.Count == 0)
                    {
                        throw new TimeoutException("No answer to the TCP connect in time.");
                    }

                    var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                    if (error != SocketError.Success)
                    {
                        throw new SocketException((int)error);
                    }

                    socket.Blocking = true;
                    return socket;
                }
                catch (SocketException e) when (!TimedOut(e, deadline))
                {
                    socket.Dispose();
                    refused = e;
                }
                catch (Exception)
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw refused ?? new SocketException((int)SocketError.HostNotFound);
        }

        /// <summary>The deadline passed, or the failure is itself a timeout (the socket's, the operating system's connect timeout).</summary>
        private static bool TimedOut(Exception e, ProbeDeadline deadline)
        {
            if (deadline.HasPassed)
            {
                return true;
            }

            for (var inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is TimeoutException || inner is SocketException s && s.SocketErrorCode == SocketError.TimedOut)
                {
                    return true;
                }
            }

            return false;
        }

        private static EndpointProbeResult? ConnectThroughProxy(Stream stream, ProbeEndpoint endpoint, ProxyRoute proxy, ProbeState state,
            ProbeDeadline deadline)
        {
            var connect = Encoding.ASCII.GetBytes("CONNECT " + endpoint.Authority + " HTTP/1.1\r\nHost: " + endpoint.Authority
                + "\r\nUser-Agent: TeamsRemediation\r\n\r\n");
            HttpResponseHead? answer;
            try
            {
                stream.Write(connect, 0, connect.Length);
                answer = HttpResponseHead.Read(stream, isConnect: true);
            }
            catch (IOException e) when (!TimedOut(e, deadline))
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

        /// <summary>The stage reached, and the streams and sockets to close when the probe ends, however it ends.</summary>
        private sealed class ProbeState : IDisposable
        {
            private readonly List<IDisposable> owned = new List<IDisposable>();

            public string Stage { get; set; } = "dns";

            public string Note { get; set; } = string.Empty;

            public void Own(IDisposable disposable) => owned.Add(disposable);

            public EndpointProbeResult Fail(ProbeEndpoint endpoint, ProbeOutcome outcome, string detail) =>
                new EndpointProbeResult(endpoint, outcome, detail) { Stage = Stage };

            public void Dispose()
            {
                // The TLS stream closes the stream under it, and that stream its socket; closing twice is harmless.
                for (var i = owned.Count - 1; i >= 0; i--)
                {
                    try
                    {
                        owned[i].Dispose();
                    }
                    catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
                    {
                        // A TLS stream whose peer went silent may fail to send its close alert; the socket is closed either way.
                    }
                }

                owned.Clear();
            }
        }
    }
}
