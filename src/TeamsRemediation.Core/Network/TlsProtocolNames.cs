using System.Security.Authentication;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// Names the protocol a handshake negotiated. netstandard2.0 has no SslProtocols.Tls13, so TLS 1.3 is its value
    /// (0x3000, SP_PROT_TLS1_3 in Schannel), which SslStream reports on runtimes that negotiate it.
    /// </summary>
    public static class TlsProtocolNames
    {
        public const SslProtocols Tls13 = (SslProtocols)0x3000;

        public static string Describe(SslProtocols protocol)
        {
            switch (protocol)
            {
                case Tls13: return "TLS 1.3";
                case SslProtocols.Tls12: return "TLS 1.2";
                case SslProtocols.Tls11: return "TLS 1.1";
                case SslProtocols.Tls: return "TLS 1.0";
                case SslProtocols.Ssl3: return "SSL 3.0";
                default: return protocol.ToString();
            }
        }

        /// <summary>Entra ID refuses anything below TLS 1.2: such a connection is a middlebox's, not a working one.</summary>
        public static bool IsEnoughForSignIn(SslProtocols protocol) => protocol == SslProtocols.Tls12 || protocol == Tls13;
    }
}
