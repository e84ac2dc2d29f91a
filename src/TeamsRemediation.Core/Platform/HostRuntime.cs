using System;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The runtime that hosts the module, where it changes what an API accepts. Windows PowerShell 5.1 (Intune's, ConfigMgr's and the
    /// Task Scheduler's default) runs it on .NET Framework 4.x as an application without a target framework, so the Framework keeps its
    /// compatibility defaults: SslStream refuses SslProtocols.None unless SystemDefaultTlsVersions is set, and System.IO's legacy path
    /// handling refuses full paths of MAX_PATH (260) characters and more. PowerShell 7 runs on .NET, which has neither limit.
    /// </summary>
    public sealed class HostRuntime
    {
        /// <summary>Server 2022's build, the first Windows whose Schannel has a TLS 1.3 client (Windows 11 is 22000; Windows 10 ends at
        /// 19045).</summary>
        public const int FirstBuildWithTls13Client = 20348;

        private static readonly Lazy<HostRuntime> Detected = new Lazy<HostRuntime>(Detect);

        public HostRuntime(bool isNetFramework, bool knowsTls13, int windowsBuild)
        {
            IsNetFramework = isNetFramework;
            KnowsTls13 = knowsTls13;
            WindowsBuild = windowsBuild;
        }

        /// <summary>The runtime of this process.</summary>
        public static HostRuntime Current => Detected.Value;

        /// <summary>PowerShell 7 on .NET, on a Windows of the given build.</summary>
        public static HostRuntime DotNet(int windowsBuild) => new HostRuntime(false, true, windowsBuild);

        /// <summary>Windows PowerShell 5.1 on .NET Framework 4.8 (which knows TLS 1.3), or 4.7.2 (which does not), on a Windows of the given
        /// build.</summary>
        public static HostRuntime WindowsPowerShell(int windowsBuild, bool framework48 = true) => new HostRuntime(true, framework48, windowsBuild);

        /// <summary>.NET Framework 4.x: Windows PowerShell 5.1.</summary>
        public bool IsNetFramework { get; }

        /// <summary>The runtime's SslProtocols has TLS 1.3 (0x3000): .NET Framework 4.8 and .NET; .NET Framework 4.7.2 masks the bits away.</summary>
        public bool KnowsTls13 { get; }

        /// <summary>The Windows build number; 0 when the process does not run on Windows.</summary>
        public int WindowsBuild { get; }

        public override string ToString() =>
            (IsNetFramework ? ".NET Framework" + (KnowsTls13 ? " 4.8" : " 4.7.2") : ".NET")
            + (WindowsBuild > 0 ? " on Windows build " + WindowsBuild : string.Empty);

        private static HostRuntime Detect()
        {
#pragma warning disable RS0030 // The one place the runtime is read; everything else asks IMachine.Runtime, which tests set.
            var isFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
#pragma warning restore RS0030
            var knowsTls13 = Enum.IsDefined(typeof(SslProtocols), 0x3000);

            // powershell.exe and pwsh.exe both declare Windows 10 compatibility in their manifests, so OSVersion reports the real build there.
            var build = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? Environment.OSVersion.Version.Build : 0;
            return new HostRuntime(isFramework, knowsTls13, build);
        }
    }
}
