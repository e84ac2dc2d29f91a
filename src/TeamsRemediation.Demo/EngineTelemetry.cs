using System;
using System.Management.Automation;
using System.Reflection;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// The hosted PowerShell engine sends module-load telemetry off the machine on every Import-Module unless
    /// POWERSHELL_TELEMETRY_OPTOUT is set before its telemetry class initializes: it reads the variable once, in a
    /// static constructor. Every host of the engine (tests, demo, benchmarks) opts out before its first runspace
    /// and refuses to import the module when the engine would still send.
    /// </summary>
    public static class EngineTelemetry
    {
        public const string OptOutVariable = "POWERSHELL_TELEMETRY_OPTOUT";

        private const string TelemetryTypeName = "Microsoft.PowerShell.Telemetry.ApplicationInsightsTelemetry";

        public static void OptOut() => Environment.SetEnvironmentVariable(OptOutVariable, "1");

        /// <summary>What the engine decided when its telemetry class initialized: true means it sends.</summary>
        public static bool EngineSends
        {
            get
            {
                // The decision is private to the engine; reading it is the only proof that the opt-out came in time.
                var type = typeof(PSObject).Assembly.GetType(TelemetryTypeName, throwOnError: false);
                var property = type?.GetProperty("CanSendTelemetry", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);
                if (property == null)
                {
                    throw new InvalidOperationException(
                        "Cannot tell whether the PowerShell engine sends telemetry: " + TelemetryTypeName + ".CanSendTelemetry is gone in this " +
                        "engine version. Check the engine's telemetry switch before updating System.Management.Automation.");
                }

                return (bool)property.GetValue(null)!;
            }
        }

        /// <summary>Opts out and proves the engine took it; throws before any module is imported otherwise.</summary>
        public static void EnsureSilent()
        {
            OptOut();
            if (EngineSends)
            {
                throw new InvalidOperationException(
                    "The PowerShell engine in this process initialized its telemetry before " + OptOutVariable + " was set, so Import-Module " +
                    "would send data off the machine. Call EngineTelemetry.OptOut() before the first runspace is created.");
            }
        }
    }
}
