namespace TeamsRemediation
{
    /// <summary>What Enable-Tls12 repairs.</summary>
    public enum TlsScope
    {
        /// <summary>The machine and the target users.</summary>
        All,

        /// <summary>SCHANNEL, .NET and WinHTTP under HKEY_LOCAL_MACHINE, in both registry views (needs elevation).</summary>
        Machine,

        /// <summary>The target users' Internet Options (SecureProtocols) only.</summary>
        User,
    }
}
