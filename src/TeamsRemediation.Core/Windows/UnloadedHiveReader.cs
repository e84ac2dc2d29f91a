using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Reads a logged-off user's NTUSER.DAT with RegLoadAppKey (winreg.h): the hive is loaded read-only into a namespace private to
    /// this process, so nothing appears under HKEY_USERS, no privilege is needed beyond reading the file, and the user's next logon
    /// is not disturbed. The hive unloads when the last handle closes.
    /// </summary>
    internal static class UnloadedHiveReader
    {
        private const int MaxValueNameLength = 16383;

        public static IReadOnlyDictionary<string, RegistryValue>? ReadKey(string profilePath, string relativeKey)
        {
            var file = Path.Combine(profilePath, "NTUSER.DAT");
            if (!File.Exists(file))
            {
                return null;
            }

            var status = NativeMethods.RegLoadAppKeyW(file, out var hive, NativeMethods.KeyRead, NativeMethods.RegProcessAppKey, 0);
            using (hive)
            {
                // ERROR_SHARING_VIOLATION (the hive is loaded: the user logged on meanwhile), access denied, a damaged file.
                if (status != NativeMethods.ErrorSuccess)
                {
                    return null;
                }

                status = NativeMethods.RegOpenSubKeyExW(hive, relativeKey, 0, NativeMethods.KeyQueryValue, out var key);
                using (key)
                {
                    var values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                    return status == NativeMethods.ErrorSuccess ? ReadValues(key, values) : status == NativeMethods.ErrorFileNotFound ? values : null;
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
