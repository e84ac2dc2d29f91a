using System;
using System.Linq;

namespace TeamsRemediation.Platform
{
    /// <summary>The registry roots the module reads or writes. HKCU is never used directly: a user is always addressed as
    /// HKEY_USERS\&lt;SID&gt;.</summary>
    public enum RegistryHive
    {
        LocalMachine,
        Users,
    }

    /// <summary>Which WOW64 view to open. Always explicit, because a 32-bit host (Intune's default) would otherwise see only WOW6432Node.</summary>
    public enum RegistryView
    {
        Registry64,
        Registry32,
    }

    public enum RegistryValueKind
    {
        String,
        ExpandString,
        DWord,
        QWord,
        Binary,
        MultiString,
    }

    /// <summary>A typed registry value. DWORDs are held as <see cref="uint"/> so 0xFFFFFFFF stays what Windows stores.</summary>
    public sealed class RegistryValue : IEquatable<RegistryValue>
    {
        private RegistryValue(RegistryValueKind kind, object data)
        {
            Kind = kind;
            Data = data;
        }

        public RegistryValueKind Kind { get; }

        public object Data { get; }

        public static RegistryValue DWord(uint value) => new RegistryValue(RegistryValueKind.DWord, value);

        public static RegistryValue QWord(ulong value) => new RegistryValue(RegistryValueKind.QWord, value);

        public static RegistryValue String(string value) => new RegistryValue(RegistryValueKind.String,
            value ?? throw new ArgumentNullException(nameof(value)));

        public static RegistryValue ExpandString(string value) =>
            new RegistryValue(RegistryValueKind.ExpandString, value ?? throw new ArgumentNullException(nameof(value)));

        public static RegistryValue Binary(byte[] value) => new RegistryValue(RegistryValueKind.Binary,
            (byte[])(value ?? throw new ArgumentNullException(nameof(value))).Clone());

        public static RegistryValue MultiString(string[] value) =>
            new RegistryValue(RegistryValueKind.MultiString, (string[])(value ?? throw new ArgumentNullException(nameof(value))).Clone());

        /// <summary>The DWORD, or null when this value is of another kind (a string "1" is not an enabled flag to Windows).</summary>
        public uint? AsDWord => Kind == RegistryValueKind.DWord ? (uint)Data : (uint?)null;

        public string? AsString => Kind == RegistryValueKind.String || Kind == RegistryValueKind.ExpandString ? (string)Data : null;

        /// <summary>A display form that says the type, so "1" (REG_SZ) and 0x1 (REG_DWORD) never look alike in a report.</summary>
        public override string ToString()
        {
            switch (Kind)
            {
                case RegistryValueKind.DWord: return string.Format(System.Globalization.CultureInfo.InvariantCulture, "0x{0:X8} (REG_DWORD)",
                    (uint)Data);
                case RegistryValueKind.QWord: return string.Format(System.Globalization.CultureInfo.InvariantCulture, "0x{0:X16} (REG_QWORD)",
                    (ulong)Data);
                case RegistryValueKind.String: return "'" + (string)Data + "' (REG_SZ)";
                case RegistryValueKind.ExpandString: return "'" + (string)Data + "' (REG_EXPAND_SZ)";
                case RegistryValueKind.Binary: return BitConverter.ToString((byte[])Data) + " (REG_BINARY)";
                default: return string.Join("|", (string[])Data) + " (REG_MULTI_SZ)";
            }
        }

        public bool Equals(RegistryValue? other)
        {
            if (other is null || other.Kind != Kind)
            {
                return false;
            }

            switch (Kind)
            {
                case RegistryValueKind.Binary: return ((byte[])Data).SequenceEqual((byte[])other.Data);
                case RegistryValueKind.MultiString: return ((string[])Data).SequenceEqual((string[])other.Data);
                default: return Data.Equals(other.Data);
            }
        }

        public override bool Equals(object? obj) => Equals(obj as RegistryValue);

        public override int GetHashCode() => Kind.GetHashCode() ^ (Kind == RegistryValueKind.Binary
            || Kind == RegistryValueKind.MultiString ? 0 : Data.GetHashCode());
    }

    /// <summary>A key in one hive and one view, written the way an admin reads it in a report.</summary>
    public readonly struct RegistryKeyPath : IEquatable<RegistryKeyPath>
    {
        public RegistryKeyPath(RegistryHive hive, string path, RegistryView view = RegistryView.Registry64)
        {
            Hive = hive;
            Path = (path ?? throw new ArgumentNullException(nameof(path))).Trim('\\');
            View = view;
        }

        public RegistryHive Hive { get; }

        public string Path { get; }

        public RegistryView View { get; }

        public RegistryKeyPath WithView(RegistryView view) => new RegistryKeyPath(Hive, Path, view);

        public string HiveName => Hive == RegistryHive.LocalMachine ? "HKLM" : "HKU";

        public string ViewName => View == RegistryView.Registry64 ? "64-bit" : "32-bit";

        public override string ToString() => HiveName + "\\" + Path;

        public bool Equals(RegistryKeyPath other) => Hive == other.Hive && View == other.View
            && string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => obj is RegistryKeyPath other && Equals(other);

        public override int GetHashCode() => Hive.GetHashCode() ^ View.GetHashCode() ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Path);
    }
}
