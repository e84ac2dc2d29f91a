using System.Collections.Generic;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// What the machine's checks read, gathered once by <see cref="Caa20002Diagnosis"/> before the checks that need it
    /// (see <see cref="CheckNeeds"/>). Checks only read it.
    /// </summary>
    internal sealed class DiagnosisInputs
    {
        public DiagnosisInputs(DiagnosisOptions options, CallerIdentity caller)
        {
            Options = options;
            Caller = caller;
        }

        public DiagnosisOptions Options { get; }

        public CallerIdentity Caller { get; }

        public ProxyPicture Proxies { get; set; } = new ProxyPicture();

        /// <summary>The endpoint probes' results; null when the network is not probed (-SkipNetwork).</summary>
        public IReadOnlyList<EndpointProbeResult>? ProbeResults { get; set; }

        /// <summary>The cloud the probed endpoints belong to and where it was read; null when -Endpoint chose them.</summary>
        public Clouds.CloudDetection? Cloud { get; set; }

        /// <summary>Whether Tls.Schannel or Tls.WinHttp failed: a failed TLS handshake then has its likely cause.</summary>
        public bool TlsRegistryFails { get; set; }

        public DsregRun? Dsreg { get; set; }

        public EventQueryResult? AadEvents { get; set; }

        /// <summary>The System log's TPM-WMI 1026 lockouts of the window; null when Account.Tpm is not run.</summary>
        public EventQueryResult? TpmLockouts { get; set; }

        /// <summary>The TPM's own lockout state, read beside the System log; null when Account.Tpm is not run.</summary>
        public TpmLockoutState? TpmState { get; set; }

        /// <summary>Every user's evidence lines (event 1098 and Teams logs as read, answered evidence left out), for the TPM codes in
        /// them.</summary>
        public IReadOnlyList<string> UserEvidence { get; set; } = new string[0];
    }
}
