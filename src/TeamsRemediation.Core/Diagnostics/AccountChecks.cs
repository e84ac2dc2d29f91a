using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>The work account: device join and PRT from dsregcmd, WAM switched off by Office values, the AAD broker plugin.</summary>
    internal sealed class AccountChecks
    {
        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public AccountChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>Runs `dsregcmd /status` once for the whole run. A 32-bit host reaches it through Sysnative.</summary>
        public DsregRun RunDsregcmd(TimeSpan timeout)
        {
            var result = machine.Commands.Run(Windows.SystemTools.Resolve(machine, "dsregcmd.exe"), "/status", timeout);
            if (!result.Succeeded)
            {
                return new DsregRun(null, result.Describe("dsregcmd /status"));
            }

            var status = DsregStatus.Parse(result.StandardOutput);
            return status.IsRecognized
                ? new DsregRun(status, string.Empty)
                : new DsregRun(null, "dsregcmd /status printed no Device State this module can read (a localized or changed format): "
                + FirstLine(result.StandardOutput));
        }

        public TeamsCaa20002Finding DeviceJoin(DsregRun run)
        {
            if (run.Status == null)
            {
                return findings.Skipped(CheckIds.AccountDeviceJoin, null, run.Problem);
            }

            var s = run.Status;
            var evidence = new List<string>
            {
                "AzureAdJoined: " + s.Get(DsregStatus.DeviceState, "AzureAdJoined") + ", EnterpriseJoined: "
                    + (s.Get(DsregStatus.DeviceState, "EnterpriseJoined") ?? "-") + ", DomainJoined: "
                    + s.Get(DsregStatus.DeviceState, "DomainJoined"),
            };
            AddIfPresent(evidence, s, DsregStatus.DeviceDetails, "DeviceId");
            AddIfPresent(evidence, s, DsregStatus.DeviceDetails, "DeviceAuthStatus");
            AddIfPresent(evidence, s, "Tenant Details", "TenantName");
            var auth = s.Get(DsregStatus.DeviceDetails, "DeviceAuthStatus");
            if (s.IsEntraJoined && auth != null && !auth.Equals("SUCCESS", StringComparison.OrdinalIgnoreCase))
            {
                return findings.Make(CheckIds.AccountDeviceJoin, null, FindingStatus.Fail,
                    s.JoinType + ", but the device cannot authenticate to Entra ID (DeviceAuthStatus " + auth + ").", evidence,
                        "The device object is missing or disabled in Entra ID: an admin re-enables it, or rejoins the device (dsregcmd /leave " +
                            "then rejoin) - never done automatically.");
            }

            return findings.Make(CheckIds.AccountDeviceJoin, null, FindingStatus.Pass, s.JoinType + ".", evidence);
        }

        /// <summary>The user's primary refresh token. dsregcmd shows User and SSO State only for the account that runs it.</summary>
        public TeamsCaa20002Finding Prt(TargetUser user, DsregRun run, CallerIdentity caller)
        {
            if (run.Status == null)
            {
                return findings.Skipped(CheckIds.AccountPrt, user, run.Problem);
            }

            if (!user.IsCaller)
            {
                return findings.Skipped(CheckIds.AccountPrt, user,
                    "dsregcmd shows the work account state of the account that runs it (" + caller.UserName + "), not of " + user.UserName
                        + ". Run Test-TeamsCaa20002 as that user (Intune: run this script using the logged-on credentials).");
            }

            var s = run.Status;
            if (!s.HasSection(DsregStatus.SsoState) && !s.HasSection(DsregStatus.UserState))
            {
                return findings.Skipped(CheckIds.AccountPrt, user, "dsregcmd printed no User State or SSO State for this account.");
            }

            var evidence = new List<string>();
            foreach (var name in new[] { "AzureAdPrt", "AzureAdPrtUpdateTime", "AzureAdPrtExpiryTime" })
            {
                AddIfPresent(evidence, s, DsregStatus.SsoState, name);
            }

            var attempt = s.LastPrtAttempt;
            evidence.AddRange(PrtHealth.AttemptEvidence(attempt));
            foreach (var name in new[] { "HTTP status", "Server Error Code", "Server Error Description" })
            {
                AddIfPresent(evidence, s, DsregStatus.SsoState, name);
            }

            foreach (var name in new[] { "WorkplaceJoined", "WamDefaultSet", "WamDefaultAuthority" })
            {
                AddIfPresent(evidence, s, DsregStatus.UserState, name);
            }

            var description = s.Get(DsregStatus.SsoState, "Server Error Description") ?? string.Empty;
            foreach (var code in CodeCatalog.Extract(description))
            {
                evidence.Add(CodeCatalog.Describe(code));
            }

            var kind = s.JoinKind;
            var state = s.PrtStateAt(machine.Clock.UtcNow.UtcDateTime);
            var cell = PrtOutcomes.For(kind, state);
            var summary = cell.Summary
                .Replace("{join}", JoinName(kind))
                .Replace("{expiry}", s.PrtExpiryUtc?.ToString("yyyy-MM-dd HH:mm'Z'",
                    System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time")
                .Replace("{why}", Why(s, description));
            if (cell.Status == FindingStatus.Skipped)
            {
                return findings.Skipped(CheckIds.AccountPrt, user, summary, evidence);
            }

            var joined = kind == DeviceJoinKind.EntraJoined || kind == DeviceJoinKind.Hybrid;
            if (cell.Status == FindingStatus.Pass && joined && state == PrtState.Present
                && PrtHealth.StaleBy(s, machine.Clock.UtcNow.UtcDateTime) is TimeSpan age)
            {
                return PrtHealth.Stale(findings, user, s, age, evidence);
            }

            if (state == PrtState.Absent && joined && cell.Status == FindingStatus.Fail
                && PrtHealth.AbsentWithCause(findings, user, attempt, summary, evidence) is TeamsCaa20002Finding caused)
            {
                return caused;
            }

            if (cell.Status == FindingStatus.Pass && joined
                && s.Flag(DsregStatus.UserState, "WamDefaultSet") == false)
            {
                // Only a joined device makes the Entra account WAM's default: on a registered or unjoined PC "NO" is normal.
                return findings.Make(CheckIds.AccountPrt, user, FindingStatus.Warning,
                    "No default work account in WAM for this user on this " + JoinName(kind)
                        + " device.", evidence, Remedies.ResetWorkAccount(user.Sid));
            }

            // A PRT refused for a reason only the user or the admin can change (password, MFA, disabled account,
            // Conditional Access) is theirs to fix: their advice, no device remedy, no Fail for the PC.
            var outside = CodeCatalog.Extract(description).Select(CodeCatalog.Explain).FirstOrDefault(i => i.IsOutsideThePc);
            if (state == PrtState.Absent && outside != null && cell.Status == FindingStatus.Fail)
            {
                return findings.Make(CheckIds.AccountPrt, user, FindingStatus.Warning, summary, evidence, outside.Advice, outside.Owner);
            }

            var remedy = cell.Remedy == PrtRemedy.SignInAgain
                ? "Lock and unlock Windows with the user's current password (Windows then requests a new token); if it stays that way, "
                    + Remedies.ResetWorkAccount(user.Sid) + "."
                : cell.Remedy == PrtRemedy.ResetWorkAccount
                    ? Remedies.ResetWorkAccount(user.Sid) + "; then lock and unlock Windows with the user's current password."
                    : string.Empty;
            return findings.Make(CheckIds.AccountPrt, user, cell.Status, summary, evidence, remedy);
        }

        private static string JoinName(DeviceJoinKind kind)
        {
            switch (kind)
            {
                case DeviceJoinKind.EntraJoined: return "Entra joined";
                case DeviceJoinKind.Hybrid: return "hybrid Entra joined";
                case DeviceJoinKind.Registered: return "Entra registered";
                case DeviceJoinKind.DomainOnly: return "domain joined (not Entra joined)";
                default: return "not joined";
            }
        }

        private static string Why(DsregStatus s, string description)
        {
            var code = s.Get(DsregStatus.SsoState, "Server Error Code");
            return code == null ? string.Empty : " (server error " + code + (description.Length > 0 ? ", "
                + CodeCatalog.Extract(description).FirstOrDefault() : string.Empty) + ")";
        }

        /// <summary>DisableAADWAM=1, DisableADALatopWAMOverride=1 and EnableADAL=0 take modern sign-in away from Office apps: flagged, never set
        /// here.</summary>
        public TeamsCaa20002Finding WamPolicy(TargetUser user)
        {
            if (!user.HiveLoaded)
            {
                return findings.Skipped(CheckIds.AccountWamPolicy, user, "the user's registry hive is not loaded (the user is not logged on).");
            }

            var evidence = new List<string>();
            var bad = new List<string>();
            foreach (var path in new[] { AccountLayout.IdentityKeyPath, AccountLayout.IdentityPolicyKeyPath })
            {
                var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + path);
                foreach (var flag in AccountLayout.WamOverrideValues)
                {
                    Inspect(key, flag.Key, flag.Value, evidence, bad);
                }
            }

            if (bad.Count == 0)
            {
                return findings.Make(CheckIds.AccountWamPolicy, user, FindingStatus.Pass,
                    "WAM and modern authentication are not switched off for this user.", evidence);
            }

            return findings.Make(CheckIds.AccountWamPolicy, user, FindingStatus.Fail,
                "WAM sign-in is switched off for this user: " + string.Join(", ", bad) + ".", evidence,
                    Remedies.RemoveWamOverrides(user.Sid)
                        + " (Microsoft advises against these values; journaled, so Undo-TeamsRemediation puts them back), then "
                        + Remedies.ResetWorkAccount(user.Sid) + ".");
        }

        public TeamsCaa20002Finding BrokerPlugin(TargetUser user)
        {
            var store = new RegistryKeyPath(RegistryHive.LocalMachine, TeamsLayout.AppxAllUserStorePath + "\\" + user.Sid);
            var packages = machine.Registry.GetSubKeyNames(store);
            var broker = packages.FirstOrDefault(p => p.StartsWith(AccountLayout.BrokerProcessName + "_", StringComparison.OrdinalIgnoreCase));
            var folder = AccountLayout.BrokerFolder(user.Folders);
            var folderPresent = Directory.Exists(folder);
            var evidence = new List<string>
            {
                store + ": " + (broker != null ? broker : packages.Count == 0 ? "no package list for this user"
                    : "no Microsoft.AAD.BrokerPlugin among " + packages.Count + " packages"),
                folder + (folderPresent ? ": present." : ": absent."),
            };
            if (broker != null)
            {
                return findings.Make(CheckIds.AccountBrokerPlugin, user, FindingStatus.Pass, "The AAD broker plugin is registered for this user.",
                    evidence);
            }

            if (packages.Count == 0 && folderPresent)
            {
                return findings.Make(CheckIds.AccountBrokerPlugin, user, FindingStatus.Pass,
                    "The AAD broker plugin has its data folder in the profile (registration list not available).", evidence);
            }

            return findings.Make(CheckIds.AccountBrokerPlugin, user, FindingStatus.Warning,
                "The AAD broker plugin (WAM) does not appear registered for this user.", evidence,
                    Remedies.ResetWorkAccount(user.Sid) + " re-registers it in the user's session.");
        }

        private void Inspect(RegistryKeyPath key, string name, uint bad, List<string> evidence, List<string> found)
        {
            var value = machine.Registry.GetValue(key, name);
            if (value == null)
            {
                return;
            }

            evidence.Add(key + "\\" + name + " = " + value);
            if (value.AsDWord == bad)
            {
                found.Add(name + "=" + bad);
            }
        }

        private static void AddIfPresent(List<string> evidence, DsregStatus s, string section, string name)
        {
            var value = s.Get(section, name);
            if (value != null)
            {
                evidence.Add(name + ": " + value);
            }
        }

        private static string FirstLine(string text)
        {
            var line = (text ?? string.Empty).Trim().Split('\n')[0].Trim();
            return line.Length == 0 ? "(no output)" : line.Length > 120 ? line.Substring(0, 120) : line;
        }
    }

    /// <summary>dsregcmd's parsed output, or why there is none.</summary>
    internal sealed class DsregRun
    {
        public DsregRun(DsregStatus? status, string problem)
        {
            Status = status;
            Problem = problem;
        }

        public DsregStatus? Status { get; }

        public string Problem { get; }
    }
}
