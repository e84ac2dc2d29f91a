using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Cache;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Inventory;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
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

        public WinePcEngineTests()
        {
            if (Wine.IsRunning)
            {
                shell = new ModuleSession(machine: null);
            }
        }

        private static IRegistry Registry => WindowsMachine.Local.Registry;

        private static string Profile => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        private ModuleSession Shell => shell ?? throw new InvalidOperationException("Runs only under Wine.");

        public void Dispose() => shell?.Dispose();

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
