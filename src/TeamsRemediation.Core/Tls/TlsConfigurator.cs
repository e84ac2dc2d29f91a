using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Tls
{
    /// <summary>
    /// Repairs TLS 1.2 in the registry from <see cref="TlsRegistryLocations"/> only: the machine's SCHANNEL, .NET
    /// and WinHTTP values in both WOW64 views whatever the bitness of the host, and each target user's Internet
    /// Options in HKEY_USERS\&lt;SID&gt; (never the caller's HKCU). Every write asks first, is recorded in the
    /// journal after it succeeded, and is reported as a <see cref="TlsSettingChange"/>.
    /// </summary>
    public sealed class TlsConfigurator
    {
        public const string SharedView = "Shared";
        private const string Absent = "(absent)";

        private readonly IMachine machine;
        private readonly ChangeJournal journal;
        private readonly Func<string, string, bool> shouldProcess;
        private readonly Action<ModuleError> reportError;
        private bool journalBroken;

        /// <param name="machine">The PC to repair.</param>
        /// <param name="journal">Records every write; nothing is on disk until the first one.</param>
        /// <param name="shouldProcess">Asked once per value to write with (target, action); false (WhatIf, declined) writes nothing and reports nothing for it.</param>
        /// <param name="reportError">Receives a failure for one value; the others go on.</param>
        public TlsConfigurator(IMachine machine, ChangeJournal journal, Func<string, string, bool> shouldProcess, Action<ModuleError> reportError)
        {
            this.machine = machine;
            this.journal = journal;
            this.shouldProcess = shouldProcess;
            this.reportError = reportError;
        }

        /// <summary>SCHANNEL, .NET and WinHTTP. The caller checked elevation.</summary>
        public IEnumerable<TlsSettingChange> RepairMachine()
        {
            foreach (var setting in TlsRegistryLocations.Written.Where(s => s.Hive == RegistryHive.LocalMachine))
            {
                foreach (var view in DistinctViews(setting))
                {
                    var change = Repair(setting, setting.Key(view), ViewName(setting, view), user: null, managedBy: null);
                    if (change != null)
                    {
                        yield return change;
                    }
                }
            }
        }

        /// <summary>The user's Internet Options, in their own hive; reported as skipped when the hive is not loaded.</summary>
        public IEnumerable<TlsSettingChange> RepairUser(TargetUser user)
        {
            foreach (var setting in TlsRegistryLocations.Written.Where(s => s.Hive == RegistryHive.Users))
            {
                var key = setting.Key(RegistryView.Registry64, user.Sid);
                if (!user.HiveLoaded || !SafeKeyExists(new RegistryKeyPath(RegistryHive.Users, user.Sid)))
                {
                    var skipped = NewChange(setting, key, SharedView, user);
                    skipped.OldValue = skipped.NewValue = "(not loaded)";
                    skipped.Action = TlsChangeAction.Skipped;
                    skipped.Reason = user.UserName + " is not logged on, so their registry (NTUSER.DAT) is not loaded: nothing was read or changed. Run again while they are logged on.";
                    yield return skipped;
                    continue;
                }

                var change = Repair(setting, key, SharedView, user, FindPolicy(user));
                if (change != null)
                {
                    yield return change;
                }
            }
        }

        private TlsSettingChange? Repair(TlsRegistryValue setting, RegistryKeyPath key, string viewName, TargetUser? user, string? managedBy)
        {
            var change = NewChange(setting, key, viewName, user);
            var target = Target(key, setting.Name);
            RegistryValue? current;
            try
            {
                current = machine.Registry.GetValue(key, setting.Name);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                reportError(ModuleErrors.TlsValueUnreadable(target, e));
                return null;
            }

            change.OldValue = change.NewValue = current?.ToString() ?? Absent;
            if (managedBy != null)
            {
                change.Action = TlsChangeAction.ManagedByPolicy;
                change.Reason = managedBy;
                return change;
            }

            var decision = TlsRepairRule.Decide(setting, current, () => SafeKeyExists(key));
            change.Action = decision.Action;
            change.Reason = decision.Reason;
            if (!decision.Writes)
            {
                return change;
            }

            if (journalBroken)
            {
                change.Action = TlsChangeAction.Skipped;
                change.Reason = "Not written: the change journal is unavailable, and a change that cannot be undone is not made. " + decision.Reason;
                return change;
            }

            var newValue = decision.NewValue!;
            if (!shouldProcess(target, "Set to " + newValue + " (was " + change.OldValue + ")"))
            {
                return null;
            }

            try
            {
                machine.Registry.SetValue(key, setting.Name, newValue);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                reportError(ModuleErrors.TlsValueWriteFailed(target, e));
                return null;
            }

            if (!Record(key, setting.Name, current, newValue))
            {
                return null;
            }

            change.NewValue = newValue.ToString();
            change.RebootRequired = setting.RebootRequired;
            change.JournalPath = journal.Path;
            return change;
        }

        /// <summary>Records the write; when the journal cannot be written the write is put back, so nothing unrecorded stays changed.</summary>
        private bool Record(RegistryKeyPath key, string name, RegistryValue? before, RegistryValue after)
        {
            try
            {
                journal.RecordRegistryValue(key, name, before, after);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                journalBroken = true;
                if (before == null)
                {
                    machine.Registry.DeleteValue(key, name);
                }
                else
                {
                    machine.Registry.SetValue(key, name, before);
                }

                reportError(ModuleErrors.TlsJournalUnavailable(journal.Path, e));
                return false;
            }
        }

        /// <summary>A policy value under the user's or the machine's Policies key overrides the user's own; returns what it says, or null.</summary>
        private string? FindPolicy(TargetUser user)
        {
            foreach (var policy in TlsRegistryLocations.Policies)
            {
                foreach (var view in policy.Views)
                {
                    var key = policy.Key(view, user.Sid);
                    RegistryValue? value;
                    try
                    {
                        value = machine.Registry.GetValue(key, policy.Name);
                    }
                    catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
                    {
                        reportError(ModuleErrors.TlsValueUnreadable(Target(key, policy.Name), e));
                        continue;
                    }

                    if (value != null)
                    {
                        var mask = value.AsDWord;
                        var effect = mask.HasValue
                            ? " (" + TlsRegistryLocations.DescribeMask(mask.Value) + ((mask.Value & TlsRegistryLocations.Tls12) != 0 ? ")." : "): the policy itself turns TLS 1.2 off.")
                            : ".";
                        return "Set by policy: " + Target(key, policy.Name) + " = " + value + effect + " Left alone; change the policy (GPO or Intune: 'Turn off encryption support') instead.";
                    }
                }
            }

            return null;
        }

        private TlsSettingChange NewChange(TlsRegistryValue setting, RegistryKeyPath key, string viewName, TargetUser? user) => new TlsSettingChange
        {
            ComputerName = machine.ComputerName,
            User = user?.UserName ?? string.Empty,
            UserSid = user?.Sid ?? string.Empty,
            Area = setting.Area.ToString(),
            Path = DisplayPath(key),
            View = viewName,
            ValueName = setting.Name,
        };

        private bool SafeKeyExists(RegistryKeyPath key)
        {
            try
            {
                return machine.Registry.KeyExists(key);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
            {
                return true;
            }
        }

        /// <summary>
        /// The views that are different places: WOW64 redirects HKLM\SOFTWARE (32-bit callers see WOW6432Node),
        /// so both are repaired there; SYSTEM and a user's Software are shared by both views and repaired once.
        /// </summary>
        private static IEnumerable<RegistryView> DistinctViews(TlsRegistryValue setting) =>
            IsRedirected(setting) ? setting.Views : setting.Views.Take(1);

        private static bool IsRedirected(TlsRegistryValue setting) =>
            setting.Hive == RegistryHive.LocalMachine && setting.Path.StartsWith(@"SOFTWARE\", StringComparison.OrdinalIgnoreCase);

        private static string ViewName(TlsRegistryValue setting, RegistryView view) => IsRedirected(setting) ? setting.Key(view).ViewName : SharedView;

        /// <summary>Where regedit shows the key: the 32-bit view of HKLM\SOFTWARE is HKLM\SOFTWARE\WOW6432Node.</summary>
        private static string DisplayPath(RegistryKeyPath key) =>
            key.Hive == RegistryHive.LocalMachine && key.View == RegistryView.Registry32 && key.Path.StartsWith(@"SOFTWARE\", StringComparison.OrdinalIgnoreCase)
                ? @"HKLM\SOFTWARE\WOW6432Node\" + key.Path.Substring(@"SOFTWARE\".Length)
                : key.ToString();

        private static string Target(RegistryKeyPath key, string name) => DisplayPath(key) + "\\" + name;
    }
}
