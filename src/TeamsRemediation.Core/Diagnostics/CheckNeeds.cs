using System;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// What a check reads before it can run. The diagnosis gathers each input once, only when a wanted check needs
    /// it; a check that needs something from outside the process runs after the wait for it.
    /// </summary>
    [Flags]
    internal enum CheckNeeds
    {
        Nothing = 0,

        /// <summary>The proxy settings of the machine and the target users.</summary>
        Proxies = 1,

        /// <summary>The endpoint probes' results (null under -SkipNetwork), after the deadline at the latest.</summary>
        Probes = 2,

        /// <summary>Whether a machine TLS registry check failed: results of the local checks, so it comes after them.</summary>
        TlsRegistryVerdict = 4,

        /// <summary>One run of dsregcmd /status.</summary>
        Dsreg = 8,

        /// <summary>The AAD token error events (1098) of the time window.</summary>
        AadEvents = 16,

        /// <summary>The user's Teams installations (inventory).</summary>
        Installations = 32,

        /// <summary>The user's Teams logs, scanned in the background from the start.</summary>
        LogScan = 64,

        /// <summary>The codes the user's evidence showed (logs and events), computed before the checks that weigh them.</summary>
        CodesSeen = 128,

        /// <summary>The System log's TPM lockout events (TPM-WMI 1026) of the time window.</summary>
        TpmEvents = 256,

        /// <summary>Everything that waits on the outside world or on other checks: those checks run after the wait.</summary>
        Later = Probes | TlsRegistryVerdict | Dsreg | AadEvents | CodesSeen | TpmEvents,
    }
}
