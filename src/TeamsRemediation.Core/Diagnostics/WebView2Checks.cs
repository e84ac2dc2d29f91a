using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The Microsoft Edge WebView2 Runtime new Teams renders its sign-in in ("Resolve the new Teams client installation issues": without it
    /// Teams cannot start or sign in; install the runtime and restart Teams). Microsoft's detection ("Distribute your app and the WebView2
    /// Runtime"): the pv value of the EdgeUpdate client key {F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}, per machine under HKLM (WOW6432Node
    /// on 64-bit Windows) or per user under HKCU; a missing or empty pv, or "0.0.0.0", means not installed. Microsoft names no minimum
    /// runtime version for Teams, so none is invented here: the version is evidence only.
    /// </summary>
    internal sealed class WebView2Checks
    {
        public const string ClientKey = @"SOFTWARE\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}";
        public const string VersionValue = "pv";
        public const string LocationValue = "location";
        public const string ProcessFile = "msedgewebview2.exe";

        public const string Remedy = "Install the WebView2 Runtime for the whole PC (Microsoft's Evergreen Standalone installer, run elevated: "
            + "MicrosoftEdgeWebView2RuntimeInstallerX64.exe /silent /install), then restart Teams; or let the repair do it: "
            + "Repair-TeamsCaa20002 -WebView2InstallerPath <path of that installer>.";

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public WebView2Checks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>
        /// What the admin does about a runtime older than they accept: the Evergreen runtime updates itself through Microsoft Edge Update,
        /// so something on this PC or its network stops that; the module changes neither.
        /// </summary>
        public const string TooOldRemedy = "The Evergreen WebView2 Runtime updates itself through Microsoft Edge Update: find what stops it on "
            + "this PC (an Edge Update policy, a disabled update service, a blocked download) and deploy a current runtime for the whole PC "
            + "(Intune/ConfigMgr, or MicrosoftEdgeWebView2RuntimeInstallerX64.exe /silent /install run elevated). Not changed by this module.";

        public TeamsCaa20002Finding WebView2(TargetUser user, IReadOnlyList<TeamsInstallation> installations, Version? minimum = null)
        {
            if (!installations.Any(i => i.Installed && i.Client == TeamsClient.New))
            {
                return findings.Skipped(CheckIds.TeamsWebView2, user, "new Teams is not installed for this user (Teams.Client reports the client).");
            }

            var evidence = new List<string>();
            // 32-bit view first: on 64-bit Windows the runtime registers under WOW6432Node; on 32-bit Windows the native view is the only one.
            var machineRuntime = new[] { RegistryView.Registry32, RegistryView.Registry64 }
                .Select(view => Read(new RegistryKeyPath(RegistryHive.LocalMachine, ClientKey, view), evidence))
                .FirstOrDefault(r => r.State != RuntimeState.Absent) ?? Runtime.Absent;
            var userRuntime = user.HiveLoaded ? Read(new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + ClientKey), evidence) : Runtime.Absent;
            if (!user.HiveLoaded)
            {
                evidence.Add("The user's hive is not loaded: a per-user runtime was not looked for.");
            }

            if (minimum != null)
            {
                evidence.Add("Minimum accepted (-MinimumWebView2Version): " + minimum);
            }

            if (machineRuntime.State == RuntimeState.Installed && minimum != null && System.Version.Parse(machineRuntime.Version) < minimum)
            {
                return findings.Make(CheckIds.TeamsWebView2, user, FindingStatus.Warning, "The WebView2 Runtime " + machineRuntime.Version
                    + " is older than " + minimum + ", the oldest accepted (-MinimumWebView2Version): it is not updating itself.", evidence,
                    TooOldRemedy, Codes.FindingOwner.DeviceAdmin);
            }

            if (machineRuntime.State == RuntimeState.Installed)
            {
                return findings.Make(CheckIds.TeamsWebView2, user, FindingStatus.Pass, "The WebView2 Runtime " + machineRuntime.Version
                    + " is installed for the whole PC.", evidence);
            }

            var broken = new[] { machineRuntime, userRuntime }.FirstOrDefault(r => r.State == RuntimeState.Broken);
            if (broken != null)
            {
                return findings.Make(CheckIds.TeamsWebView2, user, FindingStatus.Fail, "The WebView2 Runtime is registered but broken ("
                    + broken.Problem + "): new Teams cannot show its sign-in.", evidence, Remedy);
            }

            if (userRuntime.State == RuntimeState.Installed)
            {
                return findings.Make(CheckIds.TeamsWebView2, user, FindingStatus.Warning, "The WebView2 Runtime " + userRuntime.Version
                    + " is installed for this user only (a per-user install, made without elevation): other users and the provisioned "
                    + "new Teams have none.", evidence, Remedy);
            }

            if (!user.HiveLoaded)
            {
                return findings.Skipped(CheckIds.TeamsWebView2, user, "no machine-wide WebView2 Runtime, and the user's hive is not loaded to "
                    + "look for a per-user one.", evidence);
            }

            return findings.Make(CheckIds.TeamsWebView2, user, FindingStatus.Fail, "The WebView2 Runtime is not installed: new Teams cannot "
                + "start or show its sign-in without it.", evidence, Remedy);
        }

        private Runtime Read(RegistryKeyPath key, List<string> evidence)
        {
            var pv = machine.Registry.GetValue(key, VersionValue);
            var where = key + " [" + key.ViewName + "]";
            if (pv == null)
            {
                if (machine.Registry.KeyExists(key))
                {
                    evidence.Add(where + ": no " + VersionValue + " value (not installed).");
                }

                return Runtime.Absent;
            }

            evidence.Add(where + "\\" + VersionValue + " = " + pv);
            var text = pv.AsString?.Trim();
            if (string.IsNullOrEmpty(text) || text == "0.0.0.0")
            {
                return Runtime.Absent;
            }

            if (!Version.TryParse(text, out var version) || text!.Count(c => c == '.') != 3)
            {
                return new Runtime(RuntimeState.Broken, text ?? string.Empty, VersionValue + " is not a version: " + pv);
            }

            // The install folder, where the runtime says it is: a registration whose files are gone is what a failed update leaves.
            var location = machine.Registry.GetValue(key, LocationValue)?.AsString;
            if (!string.IsNullOrWhiteSpace(location))
            {
                var exe = Path.Combine(location!.Trim(), version.ToString(), ProcessFile);
                var present = File.Exists(exe);
                evidence.Add(exe + (present ? ": present." : ": missing."));
                if (!present)
                {
                    return new Runtime(RuntimeState.Broken, version.ToString(), ProcessFile + " " + version + " is missing from " + location);
                }
            }

            return new Runtime(RuntimeState.Installed, version.ToString(), string.Empty);
        }

        private enum RuntimeState
        {
            Absent,
            Installed,
            Broken,
        }

        private sealed class Runtime
        {
            public static readonly Runtime Absent = new Runtime(RuntimeState.Absent, string.Empty, string.Empty);

            public Runtime(RuntimeState state, string version, string problem)
            {
                State = state;
                Version = version;
                Problem = problem;
            }

            public RuntimeState State { get; }

            public string Version { get; }

            public string Problem { get; }
        }
    }
}
