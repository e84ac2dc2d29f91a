using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Account;
using TeamsRemediation.Cache;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Inventory;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The cmdlets in a real PowerShell engine on the real Windows adapters (no machine attached to the runspace), on a
    /// Wine PC this test breaks on purpose: registry values, Teams folders in the caller's profile, a Teams-named
    /// process. They change HKLM and the profile for real, so they run only in a throwaway Wine prefix.
    /// </summary>
    public sealed class WinePcEngineTests : IDisposable
    {
        private static readonly RegistryKeyPath SchannelClient =
            new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.SchannelTls12 + @"\Client");
        private static readonly RegistryKeyPath DotNet4 = new RegistryKeyPath(RegistryHive.LocalMachine, TlsRegistryLocations.DotNet4);

        private readonly ModuleSession? shell;

        /// <summary>Each test starts, and leaves the PC, as if the module had never run on it (see <see cref="FreshModuleFolder"/>).</summary>
        public WinePcEngineTests()
        {
            if (Wine.IsRunning)
            {
                FreshModuleFolder.Reset(WindowsMachine.Local);
                shell = new ModuleSession(machine: null);
            }
        }

        private static IRegistry Registry => WindowsMachine.Local.Registry;

        private static string Profile => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        private ModuleSession Shell => shell ?? throw new InvalidOperationException("Runs only under Wine.");

        public void Dispose()
        {
            shell?.Dispose();
            if (Wine.IsRunning)
            {
                FreshModuleFolder.Reset(WindowsMachine.Local);
            }
        }

        /// <summary>
        /// Windows enforces the execution policy on a module's format files: under Restricted (the client default)
        /// Import-Module refuses them, so the test and demo host must bypass it for their process.
        /// </summary>
        [WindowsFact]
        public void TheHostImportsTheModuleWithItsFormatsWhereRestrictedWouldRefuseThem()
        {
            var restricted = InitialSessionState.CreateDefault2();
            restricted.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Restricted;
            using (var runspace = RunspaceFactory.CreateRunspace(restricted))
            using (var ps = PowerShell.Create())
            {
                runspace.Open();
                ps.Runspace = runspace;
                ps.AddCommand("Import-Module").AddParameter("Name", ModuleSession.ManifestPath);
                var refused = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
                Assert.Contains("running scripts is disabled", refused.Message);
            }

            using var session = new SimulatedSession();
            var formats = session.Shell.Invoke("(Get-Module TeamsRemediation).ExportedFormatFiles")
                .Select(f => Path.GetFileName(f.ToString()))
                .ToList();

            Assert.Contains(formats, f => f.EndsWith(".Format.ps1xml", StringComparison.OrdinalIgnoreCase));
        }

        [WineFact]
        public void DiagnosisFindsTheSeededSchannelDisableEnableTls12WritesWhatItReportsAndUndoFailsClosedOnWineOwners()
        {
            Registry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));
            Registry.SetValue(DotNet4, "SchUseStrongCrypto", RegistryValue.DWord(0));
            Registry.SetValue(DotNet4.WithView(RegistryView.Registry32), "SchUseStrongCrypto", RegistryValue.DWord(0));
            try
            {
                var finding = Objects<TeamsCaa20002Finding>("Test-TeamsCaa20002 -CheckId Tls.Schannel -SkipNetwork").Single();
                Assert.Equal(FindingStatus.Fail, finding.Status);
                Assert.Contains(finding.Evidence, e => e.Contains("Enabled"));

                var changes = Objects<TlsSettingChange>("Enable-Tls12 -Scope Machine -Confirm:$false");

                var written = changes.Where(c => c.Action == TlsChangeAction.Created || c.Action == TlsChangeAction.Updated).ToList();
                Assert.Contains(written, c => c.Path.EndsWith(@"TLS 1.2\Client", StringComparison.OrdinalIgnoreCase) && c.ValueName == "Enabled");
                var strongCrypto = written
                    .Where(c => c.Path.EndsWith("v4.0.30319", StringComparison.OrdinalIgnoreCase) && c.ValueName == "SchUseStrongCrypto");
                Assert.Equal(new[] { "32-bit", "64-bit" }, strongCrypto.Select(c => c.View).OrderBy(v => v));
                foreach (var change in written)
                {
                    Assert.Equal(change.NewValue, Registry.GetValue(KeyOf(change), change.ValueName)?.ToString());
                }

                Assert.Equal(1u, Registry.GetValue(SchannelClient, "Enabled")!.AsDWord);
                Assert.Equal(1u, Registry.GetValue(DotNet4.WithView(RegistryView.Registry32), "SchUseStrongCrypto")!.AsDWord);

                // Wine reports every file as owned by the Unix user, whatever owner the module sets on its journal, so an
                // elevated Undo cannot tell the journal from one a user planted: it must refuse and change nothing (fail
                // closed). Restoring is proven on the simulated PC, whose owners behave as Windows documents them.
                var undo = Shell.Run("$args[0] | Undo-TeamsRemediation -Confirm:$false", new object[] { changes.ToArray() });

                Assert.Contains(undo.Errors, e => e.FullyQualifiedErrorId.StartsWith("JournalUntrusted,", StringComparison.Ordinal));
                foreach (var change in written)
                {
                    Assert.Equal(change.NewValue, Registry.GetValue(KeyOf(change), change.ValueName)?.ToString());
                }
            }
            finally
            {
                Registry.DeleteValue(SchannelClient, "Enabled");
                Registry.DeleteValue(DotNet4, "SchUseStrongCrypto");
                Registry.DeleteValue(DotNet4.WithView(RegistryView.Registry32), "SchUseStrongCrypto");
            }
        }

        [WineFact]
        public void ClearTeamsCacheStopsTheRunningTeamsClearsTheSeededCacheAndKeepsTheUsersFiles()
        {
            var install = TeamsLayout.ClassicInstallPath(UserFolders.Default(Profile));
            var cache = TeamsLayout.ClassicCacheRoot(UserFolders.Default(Profile));
            Write(Path.Combine(install, "Update.exe"));
            Write(Path.Combine(install, "current", "Teams.exe"));
            Write(Path.Combine(cache, "Cache", "data_0"));
            Write(Path.Combine(cache, "IndexedDB", "https_teams.microsoft.com_0.indexeddb.leveldb", "000003.log"));
            var kept = new[]
            {
                Path.Combine(cache, "desktop-config.json"),
                Path.Combine(cache, "Backgrounds", "Uploads", "beach.png"),
                Path.Combine(cache, "logs.txt"),
            };
            foreach (var file in kept)
            {
                Write(file);
            }

            using var teams = RealProcess.Start("Teams");
            try
            {
                var found = Shell.Invoke("Get-TeamsInstallation -Client Classic").Select(o => o.BaseObject).OfType<TeamsInstallation>().Single();
                Assert.True(found.Installed);
                Assert.True(found.Running, "the Teams-named process of this user runs");
                Assert.Contains("Teams (" + teams.Process.Id + ")", found.Processes);

                var result = Shell.Run("Clear-TeamsCache -Client Classic -Force -Confirm:$false");

                Assert.Empty(result.Errors);
                var cleared = result.Objects<TeamsCacheClearResult>().Single();
                Assert.Equal(CacheClearStatus.Cleared, cleared.Status);
                Assert.False(teams.IsAlive, "Teams was stopped before its cache was deleted");
                Assert.False(Directory.Exists(Path.Combine(cache, "Cache")));
                Assert.False(Directory.Exists(Path.Combine(cache, "IndexedDB")));
                Assert.All(kept, file => Assert.True(File.Exists(file), file + " is the user's and stays"));
                Assert.True(File.Exists(Path.Combine(install, "current", "Teams.exe")));
            }
            finally
            {
                Directory.Delete(install, recursive: true);
            }
        }

        /// <summary>
        /// A classic cache whose Service Worker tree passes MAX_PATH, backed up by Clear-TeamsCache -Backup and put back by
        /// Undo-TeamsRemediation through the Windows file operations; Teams recreated the deepest folder meanwhile, so the
        /// undo lists, finds and moves the deep files one by one and leaves Teams' new file alone.
        /// </summary>
        [WineFact]
        public void ADeepCacheIsBackedUpAndPutBackByUndo()
        {
            var install = TeamsLayout.ClassicInstallPath(UserFolders.Default(Profile));
            var cache = TeamsLayout.ClassicCacheRoot(UserFolders.Default(Profile));
            var folder = Path.Combine(cache, "Service Worker", "CacheStorage");
            for (var level = 0; folder.Length < 320; level++)
            {
                folder = Path.Combine(folder, level.ToString("D2") + "-" + Guid.NewGuid().ToString("N"));
            }

            var deep = new[] { Path.Combine(folder, "index-dir"), Path.Combine(folder, "7f3a_0") };
            Write(Path.Combine(install, "Update.exe"));
            Write(Path.Combine(install, "current", "Teams.exe"));
            foreach (var file in deep)
            {
                Write(file);
            }

            string? backup = null;
            try
            {
                var cleared = Shell.Run("Clear-TeamsCache -Client Classic -Backup -Force -Confirm:$false");
                var result = Assert.Single(cleared.Objects<TeamsCacheClearResult>());
                backup = result.BackupPath;
                var movedAway = deep.All(f => !File.Exists(f));
                var recreated = Path.Combine(folder, "written-after-the-clear");
                Write(recreated);
                var undo = Shell.Run("Undo-TeamsRemediation -Journal $args[0] -Confirm:$false",
                    new object[] { Path.Combine(backup, CacheBackupFolder.JournalFileName) });

                Assert.Empty(cleared.Errors);
                Assert.Equal(CacheClearStatus.Cleared, result.Status);
                Assert.True(movedAway, "the deep files were moved into the backup");
                Assert.Empty(undo.Errors);
                Assert.NotEmpty(undo.Objects<RestoreResult>());
                Assert.All(undo.Objects<RestoreResult>(), r => Assert.Equal(RestoreStatus.Restored, r.Status));
                Assert.All(deep, f => Assert.Equal("seeded by the Windows leg", File.ReadAllText(f)));
                Assert.True(File.Exists(recreated), "what Teams wrote after the clear stays");
                Assert.True(deep[0].Length > 320, deep[0].Length + " characters");
            }
            finally
            {
                Directory.Delete(install, recursive: true);
                Directory.Delete(Path.Combine(cache, "Service Worker"), recursive: true);
                if (!string.IsNullOrEmpty(backup) && Directory.Exists(backup))
                {
                    Directory.Delete(backup, recursive: true);
                }
            }
        }

        /// <summary>
        /// Repair-TeamsCaa20002 end to end on the real adapters, up to the rung it is given: the diagnosis reads the PC and
        /// finds TLS 1.2 turned off in SCHANNEL, the evidence goes into a new report folder the module makes in
        /// %ProgramData%, the summary keeps the problem and gives Intune exit code 1, and nothing above the rung runs.
        /// The fix is left out: under Wine the run's second write into %ProgramData%\TeamsRemediation (the journal, after
        /// the report folder) finds the folder owned by the Unix user, since Wine's SetNamedSecurityInfoW does not keep an
        /// Administrators owner, and the module rightly refuses it. Enable-Tls12's fix runs above; -SkipNetwork because
        /// Wine's TLS cannot reach Microsoft's hosts.
        /// </summary>
        [WineFact]
        public void RepairFindsTheSchannelDisableCopiesTheEvidenceAndStopsAtItsRung()
        {
            Registry.SetValue(SchannelClient, "Enabled", RegistryValue.DWord(0));
            try
            {
                var run = Shell.Run("Repair-TeamsCaa20002 -SkipNetwork -MaximumRung Evidence -Force -Confirm:$false");

                Assert.Null(run.Terminating);
                Assert.Empty(run.Errors);
                var summary = Assert.Single(run.Objects<TeamsRepairSummary>());
                var steps = run.Objects<TeamsRepairStep>().ToList();
                Assert.Equal(RepairStepStatus.Done, steps.Single(s => s.Step == RepairStepName.EvidenceCopy).Status);
                Assert.Equal(RepairStepStatus.NotOptedIn, steps.Single(s => s.Step == RepairStepName.Tls).Status);
                Assert.DoesNotContain(steps, s => s.Step != RepairStepName.EvidenceCopy && s.Status == RepairStepStatus.Done);
                Assert.Contains(summary.ProblemsBefore, p => p.Contains(CheckIds.TlsSchannel));
                Assert.Contains(summary.ProblemsAfter, p => p.Contains(CheckIds.TlsSchannel));
                Assert.Equal(RepairOutcome.NotFixed, summary.Outcome);
                Assert.Equal(1, summary.ExitCode);
                Assert.True(Directory.Exists(summary.ReportPath), summary.ReportPath);
                Assert.StartsWith(JournalStorage.ModuleFolder(WindowsMachine.Local), summary.ReportPath, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(0u, Registry.GetValue(SchannelClient, "Enabled")!.AsDWord);
            }
            finally
            {
                Registry.DeleteValue(SchannelClient, "Enabled");
            }
        }

        /// <summary>
        /// Reset-TeamsWorkAccount end to end for the caller: a DisableAADWAM=1 in the caller's own hive (HKEY_USERS\SID,
        /// not HKCU of whoever runs the host) is removed with -RemoveWamOverrides, recorded in the machine's journal, and
        /// put back by Undo (a value of the caller's own hive is one the caller may set anyway, so Wine's owners do not
        /// make this journal untrusted, unlike Enable-Tls12's machine values above). The steps Wine cannot
        /// host are left out with -Step: DeviceRegistration (Wine has no dsregcmd.exe), BrokerPlugin and WamAccounts
        /// (Wine's powershell.exe is a stub that runs no script), Credentials (Wine has no cmdkey.exe).
        /// </summary>
        [WineFact]
        public void ResetWorkAccountRemovesTheCallersWamOverrideAndUndoPutsItBack()
        {
            var me = WindowsMachine.Local.Users.GetCurrentIdentity();
            var identity = new RegistryKeyPath(RegistryHive.Users, me.Sid + "\\" + AccountLayout.IdentityKeyPath);
            Registry.SetValue(identity, "DisableAADWAM", RegistryValue.DWord(1));
            try
            {
                var reset = Shell.Run("Reset-TeamsWorkAccount -RemoveWamOverrides -Step WamOverrides, NextAction -Force -Confirm:$false");

                Assert.Null(reset.Terminating);
                Assert.Empty(reset.Errors);
                var steps = reset.Objects<TeamsAccountResetStep>().ToList();
                Assert.Equal(new[] { AccountResetStepName.WamOverrides, AccountResetStepName.NextAction }, steps.Select(s => s.Step));
                Assert.All(steps, s => Assert.Equal(me.Sid, s.UserSid));
                Assert.Equal(AccountResetStatus.Done, steps[0].Status);
                Assert.Null(Registry.GetValue(identity, "DisableAADWAM"));
                var journal = Assert.Single(Directory.GetFiles(JournalStorage.ProtectedFolder(WindowsMachine.Local)));
                Assert.Contains("DisableAADWAM", File.ReadAllText(journal));

                var undo = Shell.Run("Undo-TeamsRemediation -Journal $args[0] -Confirm:$false", journal);

                Assert.Empty(undo.Errors);
                var restored = Assert.Single(undo.Objects<RestoreResult>());
                Assert.Equal(RestoreStatus.Restored, restored.Status);
                Assert.Equal(1u, Registry.GetValue(identity, "DisableAADWAM")!.AsDWord);
            }
            finally
            {
                Registry.DeleteValue(identity, "DisableAADWAM");
            }
        }

        private System.Collections.Generic.List<T> Objects<T>(string script) => Shell.Invoke(script).Select(o => o.BaseObject).OfType<T>().ToList();

        private static void Write(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "seeded by the Windows leg");
        }

        private static RegistryKeyPath KeyOf(TlsSettingChange change)
        {
            var path = change.Path.Substring(change.Path.IndexOf('\\') + 1);
            var users = change.Path.StartsWith("HKEY_USERS", StringComparison.OrdinalIgnoreCase)
                || change.Path.StartsWith("HKU", StringComparison.OrdinalIgnoreCase);
            var view = change.View.StartsWith("32", StringComparison.Ordinal) ? RegistryView.Registry32 : RegistryView.Registry64;
            return new RegistryKeyPath(users ? RegistryHive.Users : RegistryHive.LocalMachine, path, view);
        }
    }
}
