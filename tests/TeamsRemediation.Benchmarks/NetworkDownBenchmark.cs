using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Benchmarks
{
    /// <summary>
    /// Test-TeamsCaa20002 in the engine, with the real socket probe, against endpoints on 127.0.0.1 only: closed ports
    /// (refused at once) and a listener that never accepts (the connect completes in the kernel, then no TLS answer
    /// ever comes: the blackhole case). The whole command must end within its -TimeoutSeconds plus one second.
    /// </summary>
    internal static class NetworkDownBenchmark
    {
        public static void Run(Options options, Verdicts verdicts)
        {
            var rounds = options.Rounds(5);
            var timeout = options.Int("--timeout", options.Smoke ? 1 : 3);
            Console.WriteLine("== Network down: Test-TeamsCaa20002 -TimeoutSeconds " + timeout + " against 3 silent and 3 closed loopback ports, "
                + rounds + " rounds");
            using var silent = SilentListener.Start();
            var closedPort = SilentListener.ClosedPort();
            var endpoints = string.Join(",", Enumerable.Range(0, 6).Select(i => "'127.0.0.1:" + (i % 2 == 0 ? silent.Port
                : closedPort).ToString(CultureInfo.InvariantCulture) + "'"));
            var pc = SimulatedPc.Create();
            pc.AddUser("alice", loggedOn: true);
            pc.RunAsSystem();
            pc.Machine.Network = new TeamsRemediation.Network.SocketNetworkProbe(pc.Machine.Runtime);
            using var session = new ModuleSession(pc.Machine);
            var script = "Test-TeamsCaa20002 -CheckId Network.Endpoint, Network.ClockSkew -TimeoutSeconds " + timeout + " -Endpoint " + endpoints;
            session.Invoke("$null = Get-Command Test-TeamsCaa20002");
            var run = new Samples("Test-TeamsCaa20002, network down");
            TeamsCaa20002Finding? endpoint = null;
            for (var round = 0; round < rounds; round++)
            {
                run.Add(Timed.Run(() => endpoint = session.Invoke(script)
                    .Select(o => o.BaseObject).OfType<TeamsCaa20002Finding>().Single(f => f.CheckId == CheckIds.NetworkEndpoint)));
            }

            Console.WriteLine("  Network.Endpoint: " + endpoint!.Status + ": " + endpoint.Summary);
            if (endpoint.Status != FindingStatus.Fail)
            {
                verdicts.Mismatch("the network-down run did not fail Network.Endpoint.");
            }

            Verdicts.Sides(run);
            verdicts.Within("network down ends within -TimeoutSeconds + 1 s in every round", run, (timeout + 1) * 1000.0);
            session.Dispose();
            pc.Machine.Dispose();
        }
    }

    /// <summary>A loopback listener that never accepts, and a loopback port nobody listens on.</summary>
    internal sealed class SilentListener : IDisposable
    {
        private readonly Socket socket;

        private SilentListener(Socket socket)
        {
            this.socket = socket;
            Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        public int Port { get; }

        public static SilentListener Start()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(256);
            return new SilentListener(socket);
        }

        public static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public void Dispose() => socket.Dispose();
    }
}
