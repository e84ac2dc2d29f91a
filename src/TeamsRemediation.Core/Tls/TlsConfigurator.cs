using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Tls
{
    /// <summary>
    /// Turns TLS 1.2 back on wherever <see cref="TlsRegistryLocations"/> says it can be switched off, in every view
    /// and in each target user's own hive, and never lowers anything: masks only gain 0x800, values already on
    /// are left alone, absent values that mean the OS default stay absent. Every write is journaled before it is made.
    /// </summary>
    public sealed class TlsConfigurator
    {
        public const string JournalOperation = JournalScope.EnableTls12;
        private const string Absent = "(absent)";

        private readonly IMachine machine;
        private readonly IRemediationHost host;

        /// <param name="machine">The PC whose registry is repaired.</param>
        /// <param name="host">Asked once per value that needs a write; told about a value that could not be written (the run goes on).</param>
        public TlsConfigurator(IMachine machine, IRemediationHost host)
        {
            this.machine = machine;
            this.host = host;
        }

        /// <summary>
        /// Repairs the machine values (when <paramref name="machineScope"/>) and each user's Internet Options. The
        /// journal file exists only when something was written; its path is then on every result.
        /// </summary>
        /// <exception cref="JournalWriteException">The journal could not be written; the value it was to record was not written.</exception>
        public IReadOnlyList<TlsSettingChange> Run(bool machineScope, IReadOnlyList<TargetUser> users, string? journalPath = null)
        {
            var journal = host.StartJournal(JournalOperation, journalPath);
            var changes = new List<TlsSettingChange>();
            if (machineScope)
            {
                foreach (var setting in TlsRegistryLocations.All.Where(v => v.Hive == RegistryHive.LocalMachine && v.Write != TlsWriteRule.Never))
                {
                    changes.AddRange(setting.WriteViews.Select(view => Repair(setting, setting.Key(view), null, journal)));
                }
            }

            foreach (var user in users)
            {
                foreach (var setting in TlsRegistryLocations.All.Where(v => v.Hive == RegistryHive.Users && v.Write != TlsWriteRule.Never))
                {
                    changes.AddRange(setting.WriteViews.Select(view => RepairForUser(setting, setting.Key(view, user.Sid), user, journal)));
                }
            }

            if (!journal.IsEmpty)
            {
                foreach (var change in changes)
                {
                    change.JournalPath = journal.Path;
                }
            }

            return changes;
        }

        private TlsSettingChange RepairForUser(TlsRegistryValue setting, RegistryKeyPath key, TargetUser user, ChangeJournal journal)
        {
            if (!user.HiveLoaded)
            {
                var skipped = NewChange(setting, key, user, "(hive not loaded)");
                skipped.Action = TlsChangeAction.Skipped;
                skipped.Reason = "The registry of " + user.UserName
                    + " is not loaded (not logged on): nothing was read or written. Run Enable-Tls12 again while the user is logged on.";
                return skipped;
            }

            var policy = FindPolicy(user);
            if (policy != null)
            {
                var current = Read(key, setting.Name, out _);
                var managed = NewChange(setting, key, user, Show(current));
                managed.Action = TlsChangeAction.ManagedByPolicy;
                managed.Reason = "Group Policy sets " + policy
                    + "; Internet Options follow the policy, so the user's value was left alone. Change the GPO or Intune profile that sets it.";
                return managed;
            }

            return Repair(setting, key, user, journal);
        }

        /// <summary>The first policy SecureProtocols in force for the user (user policy, then machine policy), as "key [view] = value".</summary>
        private string? FindPolicy(TargetUser user)
        {
            foreach (var setting in TlsRegistryLocations.All.Where(v => v.Area == TlsSettingArea.InternetOptionsPolicy))
            {
                foreach (var view in setting.WriteViews)
                {
                    var key = setting.Key(view, user.Sid);
                    var value = Read(key, setting.Name, out _);
                    if (value != null)
                    {
                        return key + " [" + key.ViewName + "] " + setting.Name + " = " + value;
                    }
                }
            }

            return null;
        }

        private TlsSettingChange Repair(TlsRegistryValue setting, RegistryKeyPath key, TargetUser? user, ChangeJournal journal)
        {
            var current = Read(key, setting.Name, out var readError);
            var change = NewChange(setting, key, user, Show(current));
            if (readError != null)
            {
                change.OldValue = "(unreadable)";
                change.NewValue = change.OldValue;
                change.Action = TlsChangeAction.Skipped;
                change.Reason = readError;
                return change;
            }

            if (current == null && setting.Write == TlsWriteRule.RepairOrCreate && !KeyExists(key))
            {
                // The key comes with that .NET Framework in that view: no key, no framework to configure. Creating
                // keys would also leave traces a restore (which puts back values) could not remove.
                change.Reason = "The key is absent: that .NET Framework is not installed in this view, nothing to set.";
                return change;
            }

            var desired = Desired(setting, current, out var reason, out var unreadable);
            change.Reason = reason;
            if (desired == null)
            {
                change.Action = unreadable ? TlsChangeAction.Skipped : TlsChangeAction.Unchanged;
                return change;
            }

            var target = key + " [" + key.ViewName + "] " + setting.Name;
            var action = (current == null ? "Create with " : "Set to ") + desired + (current == null ? string.Empty : " (now " + current + ")");
            var consent = host.Ask(target, action);
            if (consent != Consent.Yes)
            {
                // Like the other changing cmdlets: -WhatIf shows the value it would write; a declined change keeps the old one.
                change.Action = consent == Consent.WhatIf ? TlsChangeAction.WhatIf : TlsChangeAction.Skipped;
                change.NewValue = consent == Consent.WhatIf ? desired.ToString() : change.NewValue;
                change.Reason = (consent == Consent.WhatIf ? "-WhatIf: would " : "Declined: would ") + char.ToLowerInvariant(action[0])
                    + action.Substring(1) + ". " + reason;
                return change;
            }

            try
            {
                journal.SetRegistryValue(key, setting.Name, current, desired);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is SecurityException)
            {
                host.Error(ModuleErrors.TlsValueWriteFailed(target, e));
                change.Action = TlsChangeAction.Skipped;
                change.Reason = "Not written: " + e.Message;
                return change;
            }

            change.Action = current == null ? TlsChangeAction.Created : TlsChangeAction.Updated;
            change.NewValue = desired.ToString();
            change.RebootRequired = setting.RebootRequired;
            return change;
        }

        /// <summary>The value that turns TLS 1.2 on, or null to leave the value as it is (with the reason why).</summary>
        /// <param name="setting">The table entry.</param>
        /// <param name="current">The value found, null when absent.</param>
        /// <param name="reason">Why it is written or left alone, for the report.</param>
        /// <param name="unreadable">True when the value is left alone because it cannot be understood (not because it is right).</param>
        internal static RegistryValue? Desired(TlsRegistryValue setting, RegistryValue? current, out string reason, out bool unreadable)
        {
            unreadable = false;
            if (current == null)
            {
                if (setting.Write == TlsWriteRule.RepairOrCreate)
                {
                    reason = "Absent: set to 1 as Microsoft recommends, so .NET apps use the TLS versions of the OS.";
                    return RegistryValue.DWord(setting.Repaired(0));
                }

                reason = "Absent: the OS default applies (TLS 1.2 on), nothing to repair.";
                return null;
            }

            var dword = current.AsDWord;
            if (dword != null)
            {
                var repaired = setting.Repaired(dword.Value);
                if (repaired == dword.Value)
                {
                    reason = "TLS 1.2 already on.";
                    return null;
                }

                reason = setting.Meaning == TlsValueMeaning.ProtocolMask
                    ? "TLS 1.2 (0x800) was off; added, every other bit kept."
                    : "TLS 1.2 was switched off here.";
                return RegistryValue.DWord(repaired);
            }

            // Windows ignores a value of the wrong type (a REG_SZ "1" written by a script): rewrite it as the DWORD meant.
            var number = AsNumber(current);
            if (setting.Meaning == TlsValueMeaning.ProtocolMask && number == null)
            {
                unreadable = true;
                reason = "Cannot read " + current
                    + " as a protocol bit mask, and guessing could switch off TLS 1.3: fix it by hand (REG_DWORD, 0x800 is TLS 1.2).";
                return null;
            }

            reason = "Was " + current.Kind + ", which Windows ignores: rewritten as REG_DWORD.";
            return RegistryValue.DWord(setting.Repaired(number ?? 0));
        }

        /// <summary>A number written as the wrong type: a QWORD that fits, or a string in decimal or 0x hex.</summary>
        private static uint? AsNumber(RegistryValue value)
        {
            if (value.Kind == RegistryValueKind.QWord && (ulong)value.Data <= uint.MaxValue)
            {
                return (uint)(ulong)value.Data;
            }

            var text = value.AsString?.Trim();
            if (text == null)
            {
                return null;
            }

            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return uint.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex
                    : (uint?)null;
            }

            return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : (uint?)null;
        }

        private bool KeyExists(RegistryKeyPath key)
        {
            try
            {
                return machine.Registry.KeyExists(key);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is SecurityException)
            {
                return true;
            }
        }

        private RegistryValue? Read(RegistryKeyPath key, string name, out string? error)
        {
            error = null;
            try
            {
                return machine.Registry.GetValue(key, name);
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is SecurityException)
            {
                var target = key + " [" + key.ViewName + "] " + name;
                host.Error(ModuleErrors.TlsValueUnreadable(target, e));
                error = "Not read: " + e.Message;
                return null;
            }
        }

        private TlsSettingChange NewChange(TlsRegistryValue setting, RegistryKeyPath key, TargetUser? user, string oldValue) => new TlsSettingChange
        {
            ComputerName = machine.ComputerName,
            User = user?.UserName ?? string.Empty,
            UserSid = user?.Sid ?? string.Empty,
            Setting = setting.Area.ToString(),
            Path = key.ToString(),
            View = key.ViewName,
            ValueName = setting.Name,
            OldValue = oldValue,
            NewValue = oldValue,
            Action = TlsChangeAction.Unchanged,
        };

        private static string Show(RegistryValue? value) => value?.ToString() ?? Absent;
    }
}
