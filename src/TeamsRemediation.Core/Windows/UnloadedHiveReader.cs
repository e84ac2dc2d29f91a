using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Reads one key of a logged-off user's NTUSER.DAT by loading it with RegLoadKey under a name of its own below HKEY_USERS, reading,
    /// and unloading it at once, as profile tools do. RegLoadAppKey is not used: "All keys inside the hive must have the same security
    /// descriptor, otherwise the function will fail", which a used NTUSER.DAT never satisfies (Software\Policies differs). RegLoadKey
    /// needs SeBackupPrivilege and SeRestorePrivilege (SYSTEM and elevated administrators hold them; a standard user gets null, the
    /// default folders). Both functions create the file when it is missing ("If this file does not exist, a file is created"), so a
    /// missing NTUSER.DAT is never loaded. The hive is loaded read-write by Windows for those milliseconds: no value is written, and a
    /// user whose hive is loaded makes the load fail (ERROR_SHARING_VIOLATION), so a logon is raced for no longer than the read.
    /// </summary>
    internal static class UnloadedHiveReader
    {
        private const int MaxValueNameLength = 16383;

        /// <summary>The key under HKEY_USERS the hive is loaded at while it is read: named after the module and the user.</summary>
        public static string MountName(string sid) => "TeamsRemediation_" + sid;

        public static IReadOnlyDictionary<string, RegistryValue>? ReadKey(string sid, string profilePath, string relativeKey)
        {
            var file = Path.Combine(profilePath, "NTUSER.DAT");
            if (!File.Exists(file))
            {
                return null;
            }

            var mount = MountName(sid);
            using (TokenPrivilege.Enable(TokenPrivilege.Backup))
            using (TokenPrivilege.Enable(TokenPrivilege.Restore))
            {
                // ERROR_FILE_NOT_FOUND (no profile hive), ERROR_SHARING_VIOLATION (the user logged on meanwhile), ERROR_PRIVILEGE_NOT_HELD
                // (not elevated), ERROR_BADDB (a damaged file): no values, the caller says the hive could not be read.
                if (NativeMethods.RegLoadKeyW(NativeMethods.HkeyUsers, mount, file) != NativeMethods.ErrorSuccess)
                {
                    return null;
                }

                try
                {
                    var status = NativeMethods.RegOpenKeyExW(NativeMethods.HkeyUsers, mount + "\\" + relativeKey, 0, NativeMethods.KeyQueryValue,
                        out var key);
                    using (key)
                    {
                        var values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                        return status == NativeMethods.ErrorSuccess ? ReadValues(key, values)
                            : status == NativeMethods.ErrorFileNotFound ? values : null;
                    }
                }
                finally
                {
                    // Every handle into the hive is closed above: RegUnLoadKey fails while one is open.
                    NativeMethods.RegUnLoadKeyW(NativeMethods.HkeyUsers, mount);
                }
            }
        }

        private static Dictionary<string, RegistryValue>? ReadValues(RegistryKeyHandle key, Dictionary<string, RegistryValue> values)
        {
            var nameBuffer = new char[MaxValueNameLength + 1];
            for (var index = 0; ; index++)
            {
                var nameLength = nameBuffer.Length;
                var status = NativeMethods.RegEnumValueW(key, index, nameBuffer, ref nameLength, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                if (status == NativeMethods.ErrorNoMoreItems)
                {
                    return values;
                }

                if (status != NativeMethods.ErrorSuccess)
                {
                    return null;
                }

                var name = new string(nameBuffer, 0, nameLength);
                var size = 0;
                status = NativeMethods.RegQueryValueExW(key, name, IntPtr.Zero, out _, null, ref size);
                var data = new byte[Math.Max(size, 1)];
                var length = data.Length;
                status = NativeMethods.RegQueryValueExW(key, name, IntPtr.Zero, out var type, data, ref length);
                if (status == NativeMethods.ErrorSuccess)
                {
                    values[name] = WindowsRegistry.Decode(type, data, Math.Min(length, data.Length));
                }
            }
        }
    }
}
