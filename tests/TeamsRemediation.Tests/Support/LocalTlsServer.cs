using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// A real HTTPS server on 127.0.0.1 with a self-signed certificate made in-process: offers the TLS versions
    /// it is told to, and answers every request with the given status, content type, body and Date header. It serves on
    /// threads of its own with blocking I/O, never on the thread pool, and its certificate is made before it listens: a busy
    /// machine or a busy pool never makes it late for a probe's deadline.
    /// </summary>
    public sealed class LocalTlsServer : IDisposable
    {
        private static readonly Lazy<X509Certificate2> SelfSigned = new Lazy<X509Certificate2>(MakeCertificate);
        private readonly TcpListener listener;
        private readonly SslProtocols protocols;
        private readonly Func<string> respond;
        private readonly X509Certificate2 certificate;

        public LocalTlsServer(SslProtocols protocols, Func<string> respond)
        {
            this.protocols = protocols;
            this.respond = respond;
            certificate = SelfSigned.Value;
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            ServeEach(listener, "local TLS server", Serve);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public string Endpoint(string path = "/common/v2.0/.well-known/openid-configuration") => "https://127.0.0.1:" + Port + path;

        /// <summary>What the service sends: JSON with the given Date.</summary>
        public static string Json(DateTimeOffset date) => Answer("200 OK", "application/json; charset=utf-8",
            "{\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\"}", date);

        public static string Html(DateTimeOffset date) => Answer("200 OK", "text/html",
            "<!DOCTYPE html><html><body>Access to this site is blocked by your organization.</body></html>", date);

        public static string Answer(string status, string contentType, string body, DateTimeOffset? date)
        {
            var bytes = Encoding.UTF8.GetByteCount(body);
            return "HTTP/1.1 " + status + "\r\n" + (date.HasValue ? "Date: " + date.Value.ToString("r") + "\r\n" : string.Empty) + "Content-Type: "
                + contentType + "\r\nContent-Length: " + bytes + "\r\nConnection: close\r\n\r\n" + body;
        }

        /// <summary>Accepts on a thread of its own and serves each connection on another, until the listener stops.</summary>
        internal static void ServeEach(TcpListener listener, string name, Action<TcpClient> serve)
        {
            OwnThread.Run(name + " accepting", () =>
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = listener.AcceptTcpClient();
                    }
                    catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                    {
                        return true;
                    }

                    OwnThread.Run(name + " serving", () =>
                    {
                        using (client)
                        {
                            try
                            {
                                serve(client);
                            }
                            catch (Exception e) when (e is IOException || e is SocketException || e is AuthenticationException
                                || e is ObjectDisposedException)
                            {
                                // A client that refuses our protocols or hangs up is what some tests are about.
                            }
                        }

                        return true;
                    });
                }
            });
        }

        private void Serve(TcpClient client)
        {
            using var tls = new SslStream(client.GetStream(), false);
            tls.AuthenticateAsServer(certificate, false, protocols, false);
            ReadHead(tls);
            var answer = Encoding.UTF8.GetBytes(respond());
            tls.Write(answer, 0, answer.Length);
            tls.Flush();
        }

        internal static string ReadHead(Stream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16384)
            {
                if (stream.Read(one, 0, 1) == 0)
                {
                    break;
                }

                head.Append((char)one[0]);
            }

            return head.ToString();
        }

        private static X509Certificate2 MakeCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=TeamsRemediation Test TLS", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        }

        public void Dispose()
        {
            listener.Stop();
        }
    }

    /// <summary>A port that listens but never accepts: connect works (the kernel completes it), then nothing ever answers, as with a blackholed
    /// path.</summary>
    public sealed class SilentListener : IDisposable
    {
        private readonly Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public SilentListener()
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(16);
        }

        public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

        public void Dispose() => socket.Dispose();
    }

    /// <summary>A port nothing listens on: connect is refused at once.</summary>
    public static class ClosedPort
    {
        public static int Find()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }

    /// <summary>An HTTP proxy on 127.0.0.1: either tunnels CONNECT to the asked port on 127.0.0.1, or refuses it with the given answer (a block
    /// page). Like <see cref="LocalTlsServer"/>, it serves on threads of its own.</summary>
    public sealed class LocalConnectProxy : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly string? refusal;

        public LocalConnectProxy(string? refusal = null)
        {
            this.refusal = refusal;
            listener.Start();
            LocalTlsServer.ServeEach(listener, "local proxy", Serve);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public List<string> Requests { get; } = new List<string>();

        private void Serve(TcpClient client)
        {
            var stream = client.GetStream();
            var head = LocalTlsServer.ReadHead(stream);
            lock (Requests)
            {
                Requests.Add(head.Split("\r\n")[0]);
            }

            if (refusal != null)
            {
                var bytes = Encoding.ASCII.GetBytes(refusal);
                stream.Write(bytes, 0, bytes.Length);
                return;
            }

            var target = head.Split(' ')[1];
            var port = int.Parse(target.Substring(target.LastIndexOf(':') + 1));
            using var upstream = new TcpClient();
            upstream.Connect(IPAddress.Loopback, port);
            var ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n");
            stream.Write(ok, 0, ok.Length);
            var up = upstream.GetStream();

            // Both directions at once; when either side closes, the tunnel closes.
            var back = OwnThread.Run("local proxy tunnel", () =>
            {
                Copy(up, stream);
                client.Close();
                upstream.Close();
                return true;
            });
            Copy(stream, up);
            client.Close();
            upstream.Close();
            back.Wait(TimeSpan.FromSeconds(30));
        }

        private static void Copy(Stream from, Stream to)
        {
            try
            {
                from.CopyTo(to);
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException)
            {
                // The other side closed: the tunnel is over.
            }
        }

        public void Dispose() => listener.Stop();
    }
}
