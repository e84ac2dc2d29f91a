using System;
using System.IO;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Simulation
{
    /// <summary>The device state Microsoft's sign-in guides name, as plain registry values where Windows keeps them.</summary>
    public sealed partial class SimulatedPc
    {
        public const string DefaultWebView2Version = "131.0.2903.70";

        /// <summary>
        /// The machine-wide WebView2 Runtime as its installer registers it on 64-bit Windows (the 32-bit view, WOW6432Node), with the
        /// runtime's folder and msedgewebview2.exe under the machine's Program Files (x86); a null version removes the registration.
        /// </summary>
        public SimulatedPc WebView2Runtime(string? version, bool withFiles = true)
        {
            var key = new RegistryKeyPath(RegistryHive.LocalMachine, WebView2Checks.ClientKey, RegistryView.Registry32);
            if (version == null)
            {
                Machine.SimulatedRegistry.DeleteKeyTree(key);
                return this;
            }

            Machine.SimulatedRegistry.SetValue(key, WebView2Checks.VersionValue, RegistryValue.String(version));
            Machine.SimulatedRegistry.SetValue(key, "name", RegistryValue.String("Microsoft Edge WebView2 Runtime"));
            var location = Path.Combine(Machine.RootFolder, "Program Files (x86)", "Microsoft", "EdgeWebView", "Application");
            Machine.SimulatedRegistry.SetValue(key, WebView2Checks.LocationValue, RegistryValue.String(location));
            if (withFiles && Version.TryParse(version, out var parsed))
            {
                var folder = Path.Combine(location, parsed.ToString());
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, WebView2Checks.ProcessFile), "simulated");
            }

            return this;
        }

        /// <summary>A per-user WebView2 Runtime, as the installer registers it when run without elevation (HKCU, no WOW6432Node).</summary>
        public SimulatedPc WebView2RuntimeForUser(SimulatedUser user, string version)
        {
            user.SetUserValue(WebView2Checks.ClientKey, WebView2Checks.VersionValue, RegistryValue.String(version));
            return this;
        }

        /// <summary>FSLogix's RoamIdentity value (HKLM\SOFTWARE\FSLogix\Profiles).</summary>
        public SimulatedPc FsLogixRoamIdentity(uint value)
        {
            Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, VirtualDesktopHost.FsLogixProfilesKey),
                IdentityRoamingChecks.RoamIdentityValue, RegistryValue.DWord(value));
            return this;
        }

        /// <summary>An FSLogix redirections.xml with this content, in a folder RedirXMLSourceFolder names.</summary>
        public SimulatedPc FsLogixRedirections(string xml)
        {
            var folder = Path.Combine(Machine.RootFolder, "FSLogixRules");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, IdentityRoamingChecks.RedirectionsFileName), xml);
            Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, VirtualDesktopHost.FsLogixProfilesKey),
                IdentityRoamingChecks.RedirectionsFolderValue, RegistryValue.String(folder));
            return this;
        }

        /// <summary>An Intune MDM enrollment record (HKLM\SOFTWARE\Microsoft\Enrollments\{id}, ProviderID "MS DM Server").</summary>
        public SimulatedPc IntuneEnrolled()
        {
            Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, IdentityRoamingChecks.EnrollmentsKey
                + @"\0F2C1D5E-6B3A-4C8D-9E7F-1A2B3C4D5E6F"), IdentityRoamingChecks.EnrollmentProviderValue,
                RegistryValue.String(IdentityRoamingChecks.IntuneProvider));
            return this;
        }

        /// <summary>BlockAADWorkplaceJoin (HKLM\SOFTWARE\Policies\Microsoft\Windows\WorkplaceJoin), as Group Policy or Intune writes it.</summary>
        public SimulatedPc BlockWorkplaceJoin(uint value = 1)
        {
            Machine.SimulatedRegistry.SetValue(new RegistryKeyPath(RegistryHive.LocalMachine, SignInPolicyChecks.WorkplaceJoinPolicyKey),
                SignInPolicyChecks.BlockWorkplaceJoinValue, RegistryValue.DWord(value));
            return this;
        }

        /// <summary>A TPM-WMI event 1026 in the System log, <paramref name="ago"/> before the PC's clock, with Windows' message.</summary>
        public SimulatedPc TpmLockout(TimeSpan ago)
        {
            Machine.SimulatedEvents.AddTpmLockout(Machine.Clock.UtcNow - ago, "The Trusted Platform Module (TPM) hardware on this computer "
                + "cannot be provisioned for use automatically. To set up the TPM interactively use the TPM management console "
                + "(Start->tpm.msc) and use the action to make the TPM ready.\nError: The TPM is defending against dictionary attacks and is "
                + "in a time-out period.");
            return this;
        }
    }
}
