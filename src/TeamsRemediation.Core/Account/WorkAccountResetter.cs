using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TeamsRemediation.Cache;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Inventory;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// Reconnects a user's work or school account for Teams the way Microsoft does, least disruptive step first:
    /// read the state, re-register the token broker if it is missing, sign the Teams (and Office) WAM accounts
    /// out, remove classic Teams' cached credentials, report (and on request remove) the values that turn WAM
    /// off, and on request move the broker's data aside. Steps that only the user's own session can do (WAM,
    /// Appx registration, Credential Manager, the user's dsregcmd state) run only when the caller is that user;
    /// otherwise they are reported as RequiresUserContext with the command to run as the user, so SYSTEM's or
    /// an admin's own account is never touched instead. Every change asks first, and what can be put back is
    /// recorded in the journal.
    /// </summary>
    public sealed class WorkAccountResetter
    {
        public const string TeamsClientId = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
        public const string OfficeClientId = "d3590ed6-52b3-4102-aeff-aad2292ab01c";
        public const string BrokerPackageFamily = "Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy";
        public const string BrokerProcessName = "Microsoft.AAD.BrokerPlugin";

        /// <summary>Office's identity settings, relative to HKEY_USERS\&lt;SID&gt;.</summary>
        public const string IdentityKeyPath = @"Software\Microsoft\Office\16.0\Common\Identity";

        /// <summary>The values that turn WAM or modern authentication off, with the data that does it.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, uint>> WamOverrideValues = new[]
        {
            new KeyValuePair<string, uint>("DisableAADWAM", 1),
            new KeyValuePair<string, uint>("DisableADALatopWAMOverride", 1),
            new KeyValuePair<string, uint>("EnableADAL", 0),
        };

        private readonly IMachine machine;
        private readonly ChangeJournal journal;
        private readonly IRemediationHost host;
        private readonly WorkAccountResetOptions options;
        private readonly WindowsPowerShellScript scripts;

        /// <param name="machine">The PC acted on.</param>
        /// <param name="host">Asked once before each change; its journal receives every value removed and folder moved.</param>
        /// <param name="options">What the caller asked for beyond the default ladder.</param>
        /// <param name="journalPath">The journal file; null for a new one in the default journal folder.</param>
        public WorkAccountResetter(IMachine machine, IRemediationHost host, WorkAccountResetOptions options, string? journalPath = null)
        {
            this.machine = machine;
            this.host = host;
            this.options = options;
            journal = host.StartJournal(JournalScope.ResetWorkAccount, journalPath);
            scripts = new WindowsPowerShellScript(machine);
        }

        /// <summary>The journal of this run; empty until a recorded change was made.</summary>
        public ChangeJournal Journal => journal;

        /// <summary>The token broker's data of the user with this profile.</summary>
        public static string BrokerFolder(string profilePath) => Path.Combine(TeamsLayout.LocalAppData(profilePath), "Packages", BrokerPackageFamily);

        /// <summary>
        /// Where the broker's data is moved aside: inside the user's own profile, so the same volume (a rename, not a
        /// copy) and the profile's ACL (no other user can read the broker's data there).
        /// </summary>
        public static string BrokerBackupFolder(string profilePath) => Path.Combine(TeamsLayout.LocalAppData(profilePath),
            "TeamsRemediation", "Backup");

        /// <summary>The command that does the per-user steps when run as the user (Intune: "Run this script using the logged-on credentials").</summary>
        public static string UserContextCommand(WorkAccountResetOptions options) =>
            "powershell.exe -NoProfile -ExecutionPolicy Bypass -Command \"Import-Module TeamsRemediation; Reset-TeamsWorkAccount -Force"
            + (options.IncludeOffice ? " -IncludeOffice" : string.Empty)
            + (options.Restart ? " -Restart" : string.Empty)
            + "\"";

        /// <summary>True when this session can act on the user's own WAM, vault and Appx registration: it runs as them.</summary>
        public static bool CanActAsUser(TargetUser user) => user.IsCaller;

        /// <summary>Runs the ladder for one user; each step is yielded as soon as it is done.</summary>
        public IEnumerable<TeamsAccountResetStep> Reset(TargetUser user)
        {
            var asUser = CanActAsUser(user);
            yield return ReadDeviceRegistration(user, asUser);
            yield return asUser ? RepairBrokerPlugin(user) : NeedsUser(user, AccountResetStepName.BrokerPlugin, "Check the token broker registration");
            yield return asUser ? SignOutWamAccounts(user) : NeedsUser(user, AccountResetStepName.WamAccounts, "Sign out the WAM accounts of " + ClientNames());
            yield return asUser ? RemoveCredentials(user) : NeedsUser(user, AccountResetStepName.Credentials, "Remove cached Teams credentials");
            yield return HandleWamOverrides(user);
            yield return ClearBrokerState(user);
            yield return NextAction(user, asUser);
        }

        private TeamsAccountResetStep ReadDeviceRegistration(TargetUser user, bool asUser)
        {
            var step = Step(user, AccountResetStepName.DeviceRegistration, "Read dsregcmd /status");
            var result = machine.Commands.Run(SystemTools.Resolve(machine, "dsregcmd.exe"), "/status", options.CommandTimeout);
            if (!result.Succeeded)
            {
                return Finish(step, AccountResetStatus.Failed, result.Describe("dsregcmd") + " The device state is unknown; the other steps go on.");
            }

            var status = DsregStatus.Parse(result.StandardOutput);
            if (!status.IsRecognized)
            {
                return Finish(step, AccountResetStatus.Failed, "dsregcmd /status gave no Device State section; the device state is unknown.");
            }

            var detail = status.JoinType + (status.TenantName != null ? " (tenant " + status.TenantName + ")" : string.Empty) + ".";
            if (!asUser)
            {
                // As SYSTEM or an admin, the User and SSO sections describe that account, not the user: never report them as the user's.
                detail += " The user's PRT and registration are visible only as the user.";
            }
            else if (status.HasUserState)
            {
                if (status.Flag(DsregStatus.UserState, "WorkplaceJoined") == true)
                {
                    detail += " The user registered this device (WorkplaceJoined).";
                }

                var prt = status.Flag(DsregStatus.SsoState, "AzureAdPrt");
                if (prt == false && status.IsEntraJoined)
                {
                    var failure = status.PrtFailure;
                    detail += " AzureAdPrt NO: the user has no Primary Refresh Token, so Teams cannot sign in silently" + (failure.Length > 0 ? " (" + failure + ")" : string.Empty) + ".";
                }
                else if (prt == true)
                {
                    detail += " AzureAdPrt YES.";
                }
            }

            return Finish(step, AccountResetStatus.Done, detail);
        }

        private TeamsAccountResetStep RepairBrokerPlugin(TargetUser user)
        {
            var step = Step(user, AccountResetStepName.BrokerPlugin, "Check the token broker registration");
            var check = scripts.Run<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, NoParameters, options.ScriptTimeout);
            if (check.Report == null)
            {
                return Finish(step, AccountResetStatus.Failed, check.Problem);
            }

            switch (check.Report.Status)
            {
                case "Present":
                    return Finish(step, AccountResetStatus.NotNeeded, "Registered: " + check.Report.PackageFullName + ".");
                case "Missing":
                    break;
                default:
                    return Finish(step, AccountResetStatus.Failed, "Get-AppxPackage Microsoft.AAD.BrokerPlugin failed: " + check.Report.Error);
            }

            step.Action = "Register the token broker again";
            if (!Approve(user.UserName, "Register Microsoft.AAD.BrokerPlugin again from its manifest (Add-AppxPackage -Register)", step))
            {
                return step;
            }

            var repair = scripts.Run<BrokerScriptReport>(WindowsPowerShellScript.BrokerPlugin, new[] { Parameter("Register", true) }, options.ScriptTimeout);
            if (repair.Report == null)
            {
                return Finish(step, AccountResetStatus.Failed, repair.Problem);
            }

            return repair.Report.Status == "Registered" || repair.Report.Status == "Present"
                ? Finish(step, AccountResetStatus.Done, "Was missing; registered again: " + repair.Report.PackageFullName + ".")
                : Finish(step, AccountResetStatus.Failed, "Was missing and could not be registered (" + repair.Report.Status + "): " + repair.Report.Error);
        }

        private TeamsAccountResetStep SignOutWamAccounts(TargetUser user)
        {
            var step = Step(user, AccountResetStepName.WamAccounts, "Find the WAM accounts of " + ClientNames());
            var clientIds = ClientIds();
            var list = scripts.Run<WamScriptReport>(WindowsPowerShellScript.SignOutWamAccounts, new[] { Parameter("ClientId", clientIds) }, options.ScriptTimeout);
            var problem = WamProblem(list);
            if (list.Report == null || problem != null && list.Report.Status != "Ok")
            {
                return Finish(step, AccountResetStatus.Failed, problem ?? list.Problem);
            }

            var accounts = list.Report.Clients.SelectMany(c => c.Accounts.Select(a => c.ClientId + "|" + a.UserName)).ToList();
            if (accounts.Count == 0)
            {
                return problem != null
                    ? Finish(step, AccountResetStatus.Failed, problem)
                    : Finish(step, AccountResetStatus.NotNeeded, "WAM holds no work account for " + ClientNames() + ".");
            }

            var names = string.Join(", ", list.Report.Clients.SelectMany(c => c.Accounts).Select(a => a.UserName).Distinct(StringComparer.OrdinalIgnoreCase));
            step.Action = "Sign out " + accounts.Count + " WAM account(s) of " + ClientNames();
            if (!Approve(user.UserName, step.Action + ": " + names, step))
            {
                return step;
            }

            var signOut = scripts.Run<WamScriptReport>(WindowsPowerShellScript.SignOutWamAccounts, new[] { Parameter("ClientId", clientIds), Parameter("SignOut", true) }, options.ScriptTimeout);
            var signOutProblem = WamProblem(signOut);
            if (signOut.Report == null || signOut.Report.Status != "Ok")
            {
                return Finish(step, AccountResetStatus.Failed, signOutProblem ?? signOut.Problem);
            }

            var done = signOut.Report.Clients.SelectMany(c => c.Accounts.Where(a => a.SignedOut).Select(a => a.UserName + " (" + ClientName(c.ClientId) + ")")).ToList();
            var failed = signOut.Report.Clients.SelectMany(c => c.Accounts.Where(a => !a.SignedOut).Select(a => a.UserName + " (" + ClientName(c.ClientId) + "): " + (a.Error.Length > 0 ? a.Error : "not signed out"))).ToList();
            var text = (done.Count > 0 ? "Signed out: " + string.Join(", ", done) + "." : "Nothing was signed out.")
                + (failed.Count > 0 ? " Failed: " + string.Join("; ", failed) + "." : string.Empty)
                + (signOutProblem != null ? " " + signOutProblem : string.Empty);
            return Finish(step, failed.Count == 0 && signOutProblem == null ? AccountResetStatus.Done : AccountResetStatus.Failed, text);
        }

        /// <summary>What kept WAM from answering fully, in one sentence per client; null when every client listed fine.</summary>
        private static string? WamProblem(ScriptRun<WamScriptReport> run)
        {
            if (run.Report == null)
            {
                return null;
            }

            switch (run.Report.Status)
            {
                case "Ok":
                    break;
                case "NoProvider":
                    return "WAM has no work or school account provider for this user (" + run.Report.Error + ") Check the BrokerPlugin step, or reconnect the account in Settings > Accounts > Access work or school.";
                case "Unsupported":
                    return "This Windows cannot list WAM accounts: " + run.Report.Error;
                default:
                    return "The WAM script failed: " + run.Report.Error;
            }

            var problems = new List<string>();
            foreach (var client in run.Report.Clients.Where(c => c.Status != "Success"))
            {
                var name = ClientName(client.ClientId);
                switch (client.Status)
                {
                    case "NotAllowedByProvider":
                        problems.Add("The work account provider does not let " + name + "'s accounts be listed (NotAllowedByProvider); reconnect the account in Settings > Accounts > Access work or school.");
                        break;
                    case "NotSupportedByProvider":
                        problems.Add("The work account provider cannot list " + name + "'s accounts (NotSupportedByProvider).");
                        break;
                    case "ProviderError":
                        problems.Add("The work account provider failed for " + name + " (ProviderError 0x" + client.ProviderErrorCode.ToString("X8", CultureInfo.InvariantCulture) + ": " + client.ProviderErrorMessage + ").");
                        break;
                    default:
                        problems.Add("Unexpected answer for " + name + ": '" + client.Status + "'.");
                        break;
                }
            }

            return problems.Count == 0 ? null : string.Join(" ", problems);
        }

        private TeamsAccountResetStep RemoveCredentials(TargetUser user)
        {
            var step = Step(user, AccountResetStepName.Credentials, "List Credential Manager");
            var cmdkey = SystemTools.Resolve(machine, "cmdkey.exe");
            var listing = machine.Commands.Run(cmdkey, "/list", options.CommandTimeout);
            if (!listing.Succeeded)
            {
                return Finish(step, AccountResetStatus.Failed, listing.Describe("cmdkey /list"));
            }

            var all = CredentialListing.Parse(listing.StandardOutput);
            var removable = all.Where(c => CredentialListing.IsRemovable(c, options.IncludeOffice)).ToList();
            if (removable.Count == 0)
            {
                return Finish(step, AccountResetStatus.NotNeeded, all.Count + " stored credential(s), none of classic Teams" + (options.IncludeOffice ? " or Office" : string.Empty) + ".");
            }

            step.Action = "Remove " + removable.Count + " cached credential(s)";
            if (!Approve(user.UserName, step.Action + ": " + string.Join(", ", removable.Select(c => c.Name)), step))
            {
                return step;
            }

            var removed = new List<string>();
            var failed = new List<string>();
            foreach (var credential in removable)
            {
                var result = machine.Commands.Run(cmdkey, "/delete:" + (credential.Target.IndexOf(' ') >= 0 ? "\"" + credential.Target + "\"" : credential.Target), options.CommandTimeout);
                if (result.Succeeded)
                {
                    removed.Add(credential.Name);
                }
                else
                {
                    failed.Add(credential.Name + " (" + result.Describe("cmdkey /delete") + ")");
                }
            }

            // Token caches: not backed up on purpose, a secret is never copied to disk. Teams rebuilds them at sign-in.
            var text = (removed.Count > 0 ? "Removed " + string.Join(", ", removed) + "; Teams rebuilds them at the next sign-in." : string.Empty)
                + (failed.Count > 0 ? " Not removed: " + string.Join("; ", failed) + "." : string.Empty);
            return Finish(step, failed.Count == 0 ? AccountResetStatus.Done : AccountResetStatus.Failed, text.Trim());
        }

        private TeamsAccountResetStep HandleWamOverrides(TargetUser user)
        {
            var step = Step(user, AccountResetStepName.WamOverrides, "Read the values that turn WAM off");
            if (!user.HiveLoaded)
            {
                return Finish(step, AccountResetStatus.Skipped, "The user's registry (HKU\\" + user.Sid + ") is not loaded because they are not logged on; run again while they are.");
            }

            var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + IdentityKeyPath);
            var found = new List<KeyValuePair<string, RegistryValue>>();
            try
            {
                foreach (var flag in WamOverrideValues)
                {
                    var value = machine.Registry.GetValue(key, flag.Key);
                    if (value != null && value.AsDWord == flag.Value)
                    {
                        found.Add(new KeyValuePair<string, RegistryValue>(flag.Key, value));
                    }
                }
            }
            catch (UnauthorizedAccessException e)
            {
                return Finish(step, AccountResetStatus.Failed, e.Message);
            }

            if (found.Count == 0)
            {
                return Finish(step, AccountResetStatus.NotNeeded, "None of DisableAADWAM=1, DisableADALatopWAMOverride=1, EnableADAL=0 is set in " + key + ".");
            }

            var list = string.Join(", ", found.Select(f => f.Key + "=" + f.Value));
            if (!options.RemoveWamOverrides)
            {
                return Finish(step, AccountResetStatus.Skipped, "Found " + list + " in " + key + ": they turn WAM / modern authentication off for Office and Teams. Run again with -RemoveWamOverrides to remove them (recorded for Undo-TeamsRemediation).");
            }

            step.Action = "Remove " + string.Join(", ", found.Select(f => f.Key));
            if (!Approve(key.ToString(), step.Action, step))
            {
                return step;
            }

            var removed = new List<string>();
            try
            {
                foreach (var value in found)
                {
                    journal.DeleteRegistryValue(key, value.Key, value.Value);
                    removed.Add(value.Key);
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                step.BackupPath = removed.Count > 0 ? journal.Path : string.Empty;
                return Finish(step, AccountResetStatus.Failed, (removed.Count > 0 ? "Removed " + string.Join(", ", removed) + ", then: " : string.Empty) + e.Message);
            }

            step.BackupPath = journal.Path;
            return Finish(step, AccountResetStatus.Done, "Removed " + list + " from " + key + ". Undo-TeamsRemediation -Journal '" + journal.Path + "' puts them back.");
        }

        private TeamsAccountResetStep ClearBrokerState(TargetUser user)
        {
            var step = Step(user, AccountResetStepName.BrokerState, "Move the token broker's data aside");
            if (!options.ClearBrokerState)
            {
                return Finish(step, AccountResetStatus.Skipped, "Not asked: -ClearBrokerState moves the broker's data aside (disruptive; restorable).");
            }

            var folder = BrokerFolder(user.ProfilePath);
            var info = new DirectoryInfo(folder);
            if (!info.Exists)
            {
                return Finish(step, AccountResetStatus.NotNeeded, "No broker data in " + folder + ".");
            }

            if (SafeTree.IsLink(info))
            {
                return Finish(step, AccountResetStatus.Failed, folder + " is a junction or symbolic link; it was left alone.");
            }

            if (!CanActAsUser(user) && user.LoggedOn)
            {
                return Finish(step, AccountResetStatus.Skipped, user.UserName + " is signed in (session " + user.SessionId
                    + "): the broker of a live session "
                    + "holds its data and would write it again at once, so nothing was moved. Run again after the user signs out, "
                    + "or have the user run Reset-TeamsWorkAccount -ClearBrokerState -Force in their own session.");
            }

            var backup = UniqueBackupPath(BrokerBackupFolder(user.ProfilePath), BrokerPackageFamily);
            if (!Approve(folder, "Close Teams and the token broker of " + user.UserName + ", then move " + folder + " to " + backup, step))
            {
                return step;
            }

            var stillRunning = CloseTeamsAndBroker(user);
            if (stillRunning.Count > 0)
            {
                return Finish(step, AccountResetStatus.Failed, "Still running after being asked to close and ended: " + string.Join(", ", stillRunning) + ". Nothing was moved; close Teams and run again.");
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
                journal.MoveDirectory(folder, backup);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Finish(step, AccountResetStatus.Failed, "Could not move " + folder + ": " + e.Message + " Nothing was moved.");
            }

            step.BackupPath = backup;
            return Finish(step, AccountResetStatus.Done, "Moved " + folder + " to " + backup + ". Windows makes it anew when the user signs in to Windows again. Undo-TeamsRemediation -Journal '" + journal.Path + "' moves it back.");
        }

        /// <summary>
        /// Closes the user's Teams (both clients, their WebView2 descendants) the way Clear-TeamsCache does, and the
        /// user's broker processes with them. Returns what is still there.
        /// </summary>
        private List<string> CloseTeamsAndBroker(TargetUser user)
        {
            var stopper = new TeamsProcessStopper(machine, _ => { }) { CloseTimeout = options.CloseTimeout, KillTimeout = options.CloseTimeout };
            var broker = machine.Processes.List().Where(p => string.Equals(p.OwnerSid, user.Sid, StringComparison.OrdinalIgnoreCase) && p.Name.Equals(BrokerProcessName, StringComparison.OrdinalIgnoreCase));
            var targets = stopper.Find(user, TeamsClient.Classic)
                .Concat(stopper.Find(user, TeamsClient.New))
                .Concat(broker)
                .GroupBy(p => p.Id)
                .Select(g => g.First())
                .ToList();
            return stopper.Stop(targets).StillRunning.Select(p => p.ToString()).ToList();
        }

        private string UniqueBackupPath(string folder, string name)
        {
            var stamp = machine.Clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var path = Path.Combine(folder, name + "-" + stamp);
            for (var n = 2; Directory.Exists(path) || File.Exists(path); n++)
            {
                path = Path.Combine(folder, name + "-" + stamp + "-" + n);
            }

            return path;
        }

        private TeamsAccountResetStep NextAction(TargetUser user, bool asUser)
        {
            var advice = "Open Teams and sign in again with the work or school account"
                + (options.ClearBrokerState ? " (sign out of Windows and back in first, so Windows makes the broker's data anew)" : string.Empty) + ".";
            var step = Step(user, AccountResetStepName.NextAction, "Sign in to Teams again");
            if (!options.Restart)
            {
                return Finish(step, AccountResetStatus.Done, advice);
            }

            step.Action = "Start Teams";
            if (!asUser)
            {
                return Finish(step, AccountResetStatus.RequiresUserContext, "Teams can be started only in " + user.UserName + "'s own session. " + advice + " Or run as the user: " + UserContextCommand(options));
            }

            var installed = new TeamsInventory(machine).Find(user, TeamsClientSelection.Installed, measureCache: false);
            string program, arguments;
            if (installed.Any(i => i.Client == TeamsClient.New))
            {
                program = Path.Combine(machine.WindowsPath, "explorer.exe");
                arguments = "shell:AppsFolder\\" + TeamsLayout.NewTeamsPackageFamily + "!MSTeams";
            }
            else if (installed.Any(i => i.Client == TeamsClient.Classic))
            {
                program = Path.Combine(TeamsLayout.ClassicInstallPath(user.ProfilePath), "Update.exe");
                arguments = "--processStart \"Teams.exe\"";
            }
            else
            {
                return Finish(step, AccountResetStatus.Skipped, "No installed Teams to start. " + advice);
            }

            if (!Approve(user.UserName, "Start Teams (" + program + " " + arguments + ")", step))
            {
                return step;
            }

            try
            {
                machine.Processes.Start(program, arguments);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is IOException)
            {
                return Finish(step, AccountResetStatus.Failed, "Teams did not start: " + e.Message + " " + advice);
            }

            return Finish(step, AccountResetStatus.Done, "Started Teams. " + advice);
        }

        private TeamsAccountResetStep NeedsUser(TargetUser user, AccountResetStepName name, string action) =>
            Finish(
                Step(user, name, action),
                AccountResetStatus.RequiresUserContext,
                "Needs " + user.UserName + "'s own session; this run's own account was left alone. Run as the user: " + UserContextCommand(options));

        /// <summary>Asks once; a declined change leaves the step as WhatIf (with -WhatIf) or Skipped.</summary>
        private bool Approve(string target, string action, TeamsAccountResetStep step)
        {
            var consent = host.Ask(target, action);
            if (consent == Consent.Yes)
            {
                return true;
            }

            var whatIf = consent == Consent.WhatIf;
            Finish(step, whatIf ? AccountResetStatus.WhatIf : AccountResetStatus.Skipped, (whatIf ? "What if: " : "Declined: ") + action + ".");
            return false;
        }

        private TeamsAccountResetStep Step(TargetUser user, AccountResetStepName name, string action) => new TeamsAccountResetStep
        {
            ComputerName = machine.ComputerName,
            User = user.UserName,
            UserSid = user.Sid,
            Step = name,
            Action = action,
        };

        private static TeamsAccountResetStep Finish(TeamsAccountResetStep step, AccountResetStatus status, string detail)
        {
            step.Status = status;
            step.Detail = detail;
            return step;
        }

        private string[] ClientIds() => options.IncludeOffice ? new[] { TeamsClientId, OfficeClientId } : new[] { TeamsClientId };

        private string ClientNames() => options.IncludeOffice ? "Teams and Office" : "Teams";

        private static string ClientName(string clientId) =>
            clientId.Equals(TeamsClientId, StringComparison.OrdinalIgnoreCase) ? "Teams" : clientId.Equals(OfficeClientId, StringComparison.OrdinalIgnoreCase) ? "Office" : clientId;

        private static readonly KeyValuePair<string, object>[] NoParameters = new KeyValuePair<string, object>[0];

        private static KeyValuePair<string, object> Parameter(string name, object value) => new KeyValuePair<string, object>(name, value);
    }
}
