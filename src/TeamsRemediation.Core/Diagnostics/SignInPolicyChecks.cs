using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Text;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Policies and device state that decide who may sign in here, each its admin's and never changed by the module: the Teams tenant
    /// restriction (Microsoft's "How different technologies affect Teams sign-in"), BlockAADWorkplaceJoin and the hybrid-plus-registered
    /// "dual state" (Entra "Device identity and desktop virtualization" and the hybrid join planning guide).
    /// </summary>
    internal sealed class SignInPolicyChecks
    {
        public const string TenantListValue = "RestrictTeamsSignInToAccountsFromTenantList";

        /// <summary>The three places Microsoft documents for the tenant list, all under the user's hive, in the order listed there.</summary>
        public static readonly IReadOnlyList<string> TenantListKeys = new[]
        {
            @"SOFTWARE\Policies\Microsoft\Cloud\Office\16.0\Teams",
            @"SOFTWARE\Policies\Microsoft\Office\16.0\Teams",
            @"SOFTWARE\Microsoft\Office\16.0\Teams",
        };

        public const string WorkplaceJoinPolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\WorkplaceJoin";
        public const string BlockWorkplaceJoinValue = "BlockAADWorkplaceJoin";

        private readonly IMachine machine;
        private readonly FindingFactory findings;

        public SignInPolicyChecks(IMachine machine, FindingFactory findings)
        {
            this.machine = machine;
            this.findings = findings;
        }

        /// <summary>BlockAADWorkplaceJoin where the work account needs registration, and a device both hybrid joined and registered.</summary>
        public TeamsCaa20002Finding DeviceState(DsregRun dsreg)
        {
            var policyKey = new RegistryKeyPath(RegistryHive.LocalMachine, WorkplaceJoinPolicyKey);
            var block = machine.Registry.GetValue(policyKey, BlockWorkplaceJoinValue);
            var evidence = new List<string>();
            if (block != null)
            {
                evidence.Add(policyKey + "\\" + BlockWorkplaceJoinValue + " = " + block);
            }

            if (dsreg.Status == null)
            {
                return findings.Skipped(CheckIds.AccountDeviceState, null, dsreg.Problem, evidence);
            }

            var s = dsreg.Status;
            var domain = s.Flag(DsregStatus.DeviceState, "DomainJoined") == true;
            var registered = s.Flag(DsregStatus.UserState, "WorkplaceJoined");
            evidence.Add("AzureAdJoined: " + s.Get(DsregStatus.DeviceState, "AzureAdJoined") + ", DomainJoined: "
                + s.Get(DsregStatus.DeviceState, "DomainJoined") + ", WorkplaceJoined: " + (registered == null ? "not shown (User State is "
                    + "the caller's)" : registered == true ? "YES" : "NO"));
            if (s.IsEntraJoined && domain && registered == true)
            {
                return findings.Make(CheckIds.AccountDeviceState, null, FindingStatus.Warning, "The device is hybrid Entra joined and also "
                    + "Entra registered (dual state): two device identities can give tokens of the wrong one.", evidence,
                    "Remove the registered work account (Settings > Accounts > Access work or school > Disconnect; Windows 10 1803 or later "
                        + "also removes it once hybrid join completes), and have the device admin set " + BlockWorkplaceJoinValue + " = 1 so it "
                        + "does not come back. Not changed by this module.", FindingOwner.DeviceAdmin);
            }

            if (block?.AsDWord == 1 && !s.IsEntraJoined)
            {
                return findings.Make(CheckIds.AccountDeviceState, null, FindingStatus.Warning, "Adding a work account to Windows is blocked ("
                    + BlockWorkplaceJoinValue + " = 1) on a device that is not Entra joined: WAM cannot register the account Teams signs in "
                    + "with.", evidence, "The device admin decides: remove the policy (Group Policy or Intune) or join the device to Entra ID."
                    + " Not changed by this module.", FindingOwner.DeviceAdmin);
            }

            return findings.Make(CheckIds.AccountDeviceState, null, FindingStatus.Pass, block?.AsDWord == 1
                ? "Work account registration is blocked by policy, as Microsoft recommends on joined devices; no dual state."
                : "No dual state and no policy blocking the work account.", evidence);
        }

        /// <summary>The user's Teams tenant restriction against the tenant the device is joined to (dsregcmd's TenantId).</summary>
        public TeamsCaa20002Finding TenantRestriction(TargetUser user, DsregRun? dsreg)
        {
            if (!user.HiveLoaded)
            {
                return findings.Skipped(CheckIds.TeamsTenantList, user, "the user's registry hive is not loaded (the user is not logged on).");
            }

            var evidence = new List<string>();
            string? effective = null;
            foreach (var path in TenantListKeys)
            {
                var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + path);
                var value = machine.Registry.GetValue(key, TenantListValue);
                if (value == null)
                {
                    continue;
                }

                evidence.Add(key + "\\" + TenantListValue + " = " + value);
                effective = effective ?? value.AsString ?? string.Empty;
            }

            if (effective == null)
            {
                return findings.Make(CheckIds.TeamsTenantList, user, FindingStatus.Pass,
                    "Teams sign-in is not restricted to a tenant list for this user.", evidence);
            }

            var listed = effective.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).Where(t => t.Length > 0)
                .ToList();
            var bad = listed.Where(t => !Guid.TryParse(t, out _)).ToList();
            var tenant = dsreg?.Status?.Get(DsregStatus.TenantDetails, "TenantId");
            if (tenant != null)
            {
                evidence.Add("Device tenant (dsregcmd TenantId): " + tenant);
            }

            const string Remedy = "The admin who deploys the policy (Group Policy or Intune: \"Restrict sign in to Teams to accounts in "
                + "specific tenants\") corrects the tenant list. Not changed by this module.";
            if (listed.Count == 0 || bad.Count == listed.Count)
            {
                return findings.Make(CheckIds.TeamsTenantList, user, FindingStatus.Fail, "Teams sign-in is restricted to a tenant "
                    + "list that names no valid tenant id: every sign-in is refused.", evidence, Remedy, FindingOwner.DeviceAdmin);
            }

            if (tenant == null || !Guid.TryParse(tenant, out var deviceTenant))
            {
                return findings.Skipped(CheckIds.TeamsTenantList, user, "Teams sign-in is restricted to " + string.Join(", ", listed)
                    + ", and the device's tenant is not known to compare: " + (dsreg?.Status == null ? dsreg?.Problem ?? "dsregcmd was not run."
                        : "dsregcmd shows no TenantId (the device is not joined)."), evidence);
            }

            if (!listed.Any(t => Guid.TryParse(t, out var g) && g == deviceTenant))
            {
                return findings.Make(CheckIds.TeamsTenantList, user, FindingStatus.Fail, "Teams sign-in is restricted to "
                    + Wording.Noun(listed.Count, "tenant") + " " + string.Join(", ", listed) + ", which do not include this device's tenant "
                    + tenant + ".", evidence, Remedy,
                    FindingOwner.DeviceAdmin);
            }

            return findings.Make(CheckIds.TeamsTenantList, user, bad.Count > 0 ? FindingStatus.Warning : FindingStatus.Pass,
                "Teams sign-in is restricted to a tenant list that includes this device's tenant"
                    + (bad.Count > 0 ? ", beside entries that are no tenant id: " + string.Join(", ", bad) + "." : "."), evidence,
                bad.Count > 0 ? Remedy : string.Empty, bad.Count > 0 ? FindingOwner.DeviceAdmin : (FindingOwner?)null);
        }
    }
}
