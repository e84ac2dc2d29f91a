using System.Security.Authentication;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// The protocols the endpoint probe offers in its handshake, chosen for the runtime: the one place SslProtocols.None may be passed.
    /// </summary>
    /// <remarks>
    /// On .NET, None offers what the operating system offers, as Teams and WAM do (TLS 1.3 and 1.2 on Windows 11, TLS 1.2 where 1.3
    /// is off); pinning TLS 1.2 there would fail a TLS 1.3-only service that Teams reaches fine. On .NET Framework, SslStream throws
    /// ArgumentException for None unless SystemDefaultTlsVersions is set ("ServicePointManager.DisableSystemDefaultTlsVersions &amp;&amp;
    /// enabledSslProtocols == 0" in SslState.ValidateCreateContext), and powershell.exe, having no target framework, keeps that default:
    /// so a .NET Framework host names TLS 1.2, plus TLS 1.3 where both the runtime (4.8) and Schannel (Windows 11, Server 2022) have it.
    /// </remarks>
    public static class TlsProbeProtocols
    {
        public static SslProtocols For(HostRuntime runtime)
        {
            if (runtime is null)
            {
                throw new System.ArgumentNullException(nameof(runtime));
            }

            if (!runtime.IsNetFramework)
            {
#pragma warning disable RS0030 // The one sanctioned use: .NET accepts None and it means "the operating system's choice".
                return SslProtocols.None;
#pragma warning restore RS0030
            }

            return runtime.KnowsTls13 && runtime.WindowsBuild >= HostRuntime.FirstBuildWithTls13Client
                ? SslProtocols.Tls12 | TlsProtocolNames.Tls13
                : SslProtocols.Tls12;
        }

        /// <summary>"the operating system's choice" or the protocols named, for evidence and errors.</summary>
        public static string Describe(SslProtocols offered) =>
            offered == 0 ? "the operating system's choice" : offered == (SslProtocols.Tls12 | TlsProtocolNames.Tls13) ? "TLS 1.2 and 1.3"
                : TlsProtocolNames.Describe(offered);
    }
}
