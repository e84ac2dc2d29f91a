using System;
using System.Collections.Generic;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// The two hosts a test runs the module in on the simulated PC: PowerShell 7 (64-bit, .NET) and Intune's default, 32-bit Windows
    /// PowerShell 5.1 on .NET Framework on 64-bit Windows (WOW64 redirection, Sysnative for the caller only, .NET Framework's TLS and
    /// path rules). A theory over <see cref="Both"/> shows the names in its results.
    /// </summary>
    public static class HostUnderTest
    {
        public const string PowerShell7 = "PowerShell 7, 64-bit";
        public const string IntuneDefault = "Windows PowerShell 5.1, 32-bit";

        public static IEnumerable<object[]> Both => new[] { new object[] { PowerShell7 }, new object[] { IntuneDefault } };

        public static SimulatedPc Apply(SimulatedPc pc, string host)
        {
            switch (host)
            {
                case PowerShell7: return pc;
                case IntuneDefault: return pc.IntuneDefaultHost();
                default: throw new ArgumentException("No such host: " + host, nameof(host));
            }
        }
    }
}
