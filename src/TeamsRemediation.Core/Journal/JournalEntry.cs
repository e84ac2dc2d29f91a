using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    public enum JournalEntryKind
    {
        RegistryValue,
        Move,
    }

    /// <summary>One recorded change: a registry value (before and after, null = absent) or a file or folder moved aside.</summary>
    public sealed class JournalEntry
    {
        private JournalEntry(JournalEntryKind kind)
        {
            Kind = kind;
        }

        public JournalEntryKind Kind { get; }

        public RegistryKeyPath Key { get; private set; }

        public string ValueName { get; private set; } = string.Empty;

        public RegistryValue? Before { get; private set; }

        public RegistryValue? After { get; private set; }

        public string OriginalPath { get; private set; } = string.Empty;

        public string BackupPath { get; private set; } = string.Empty;

        /// <summary>What the entry is about, as a report names it.</summary>
        public string Target => Kind == JournalEntryKind.RegistryValue ? Key + "\\" + ValueName + " (" + Key.ViewName + ")" : OriginalPath;

        public static JournalEntry RegistryChange(RegistryKeyPath key, string valueName, RegistryValue? before, RegistryValue? after) =>
            new JournalEntry(JournalEntryKind.RegistryValue) { Key = key, ValueName = valueName ?? string.Empty, Before = before, After = after };

        public static JournalEntry Moved(string originalPath, string backupPath) =>
            new JournalEntry(JournalEntryKind.Move) { OriginalPath = originalPath, BackupPath = backupPath };
    }
}
