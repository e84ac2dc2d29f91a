using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using static TeamsRemediation.Tests.Diagnostics.TestTeamsCaa20002Tests;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>Simulated PCs broken one way each: Alice is logged on with new Teams and a registered broker; Intune runs as SYSTEM.</summary>
    internal static class BrokenPc
    {
        public static readonly RegistryKeyPath SchannelClient =
            new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client");

        public static SimulatedUser Healthy(SimulatedSession s)
        {
            var alice = HealthyUser(s);
            RecordDsregcmd(s);
            s.Pc.RunAsSystem();
            return alice;
        }

        public static void TlsOff(SimulatedSession s) => s.Machine.SimulatedRegistry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));

        public static void WamDisabledByPolicy(SimulatedUser user) =>
            user.SetUserValue(AccountLayout.IdentityKeyPath, "DisableAADWAM", RegistryValue.DWord(1));

        public static void ClockSkew(SimulatedSession s) => s.Machine.SimulatedNetwork.ServerClockOffset = TimeSpan.FromMinutes(-42);

        public static void DnsFailure(SimulatedSession s) =>
            s.Machine.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.NameNotResolved, "No such host is known.");

        public static void BrokerPluginMissing(SimulatedSession s, SimulatedUser user) =>
            s.Machine.SimulatedRegistry.DeleteKeyTree(BrokerRegistration(user));

        /// <summary>A user with only classic Teams (and a registered broker, so the client is the only problem).</summary>
        public static SimulatedUser ClassicOnly(SimulatedSession s, string name = "bob")
        {
            var user = s.Pc.AddUser(name, loggedOn: true).InstallClassicTeams();
            s.Machine.SimulatedRegistry.CreateKey(BrokerRegistration(user));
            return user;
        }

        public static RegistryKeyPath BrokerRegistration(SimulatedUser user) => new RegistryKeyPath(RegistryHive.LocalMachine,
            TeamsLayout.AppxAllUserStorePath + "\\" + user.Sid + "\\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy");

        /// <summary>A sign-in error of Teams in event 1098 at a chosen time (after a repair, to show it counts again).</summary>
        public static void AadErrorAt(SimulatedSession s, SimulatedUser user, string error, DateTimeOffset at) =>
            s.Machine.SimulatedEvents.Add(new AadEvent(at, user.Sid, "Error: 0x" + error + "\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));

        /// <summary>A sign-in error of Teams in event 1098, an hour ago.</summary>
        public static void AadError(SimulatedSession s, SimulatedUser user, string error, string extra = "") =>
            s.Machine.SimulatedEvents.Add(new AadEvent(s.Machine.Clock.UtcNow.AddHours(-1), user.Sid,
                "Error: 0x" + error + " " + extra + "\nClient ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264"));

        /// <summary>A sign-in error in the user's new Teams log, <paramref name="ago"/> before the PC's clock, as the demo's PC has it.</summary>
        public static void TeamsLogError(SimulatedSession s, SimulatedUser user, string error, TimeSpan ago)
        {
            var folder = TeamsLayout.NewLogFolder(user.Folders);
            Directory.CreateDirectory(folder);
            var logged = s.Machine.Clock.UtcNow.Subtract(ago);
            var log = Directory.GetFiles(folder, "MSTeams_*.log").FirstOrDefault()
                ?? Path.Combine(folder, SimulatedUser.NewTeamsLogFileName(logged));
            // Last written at the simulated PC's now, so the log is inside the diagnosis's window whatever the real date.
            user.AppendToFile(log, logged.ToString("o") + " Err AuthenticationManager: acquireToken failed, error " + error
                + " for login.microsoftonline.com\n");
        }

        /// <summary>The new Teams GPU cache of the user's work profile.</summary>
        public static string GpuCache(SimulatedUser user) =>
            Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", "GPUCache");

        public static string IndexedDb(SimulatedUser user) =>
            Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", "IndexedDB");

        public static string Background(SimulatedUser user) => Path.Combine(TeamsLayout.BackgroundUploadsPath(TeamsClient.New, user.Folders),
            "3f1c2a9e-0c55-4d7e-9f1b-2a6c1d0e5b77.png");
    }
}
