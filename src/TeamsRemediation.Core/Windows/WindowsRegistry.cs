using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The Windows registry through advapi32 directly. Microsoft.Win32.Registry is not used because it is a
    /// separate assembly on .NET Core and would have to ship beside the module, where it could clash with
    /// another module's copy in the same PowerShell session.
    /// </summary>
    public sealed class WindowsRegistry : IRegistry
    {
        // Limits from "Registry Element Size Limits": key names 255 characters, value names 16,383.
        private const int MaxKeyNameLength = 255;
        private const int MaxValueNameLength = 16383;

        public bool KeyExists(RegistryKeyPath key)
        {
            using (var handle = Open(key, NativeMethods.KeyQueryValue))
            {
                return handle != null;
            }
        }

        public RegistryValue? GetValue(RegistryKeyPath key, string name)
        {
            using (var handle = Open(key, NativeMethods.KeyQueryValue))
            {
                if (handle == null)
                {
                    return null;
                }

                var valueName = name ?? string.Empty;
                var size = 0;
                var status = NativeMethods.RegQueryValueExW(handle, valueName, IntPtr.Zero, out _, null, ref size);
                while (true)
                {
                    if (IsAbsent(status))
                    {
                        return null;
                    }

                    if (status != NativeMethods.ErrorSuccess && status != NativeMethods.ErrorMoreData)
                    {
                        throw Failure(status, key, "read the value '" + valueName + "' of");
                    }

                    // The value can grow between the size query and the read (another writer): ask again until it fits.
                    var buffer = new byte[Math.Max(size, 1)];
                    var length = buffer.Length;
                    status = NativeMethods.RegQueryValueExW(handle, valueName, IntPtr.Zero, out var type, buffer, ref length);
                    if (status == NativeMethods.ErrorSuccess)
                    {
                        return RegistryValueDecoder.Decode(type, buffer, Math.Min(length, buffer.Length));
                    }

                    size = status == NativeMethods.ErrorMoreData ? Math.Max(length, buffer.Length * 2) : size;
                }
            }
        }

        public IReadOnlyList<string> GetSubKeyNames(RegistryKeyPath key) => EnumerateNames(
            key,
            NativeMethods.KeyEnumerateSubKeys,
            MaxKeyNameLength,
            (RegistryKeyHandle handle, int index, char[] buffer, ref int length) =>
                NativeMethods.RegEnumKeyExW(handle, index, buffer, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero),
            "list the subkeys of");

        public IReadOnlyList<string> GetValueNames(RegistryKeyPath key) => EnumerateNames(
            key,
            NativeMethods.KeyQueryValue,
            MaxValueNameLength,
            (RegistryKeyHandle handle, int index, char[] buffer, ref int length) =>
                NativeMethods.RegEnumValueW(handle, index, buffer, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero),
            "list the values of");

        private delegate int NameEnumerator(RegistryKeyHandle handle, int index, char[] buffer, ref int length);

        /// <summary>Subkey and value names are enumerated the same way: index by index until ERROR_NO_MORE_ITEMS, growing the buffer on
        /// ERROR_MORE_DATA.</summary>
        private List<string> EnumerateNames(RegistryKeyPath key, int access, int maxLength, NameEnumerator enumerate, string verb)
        {
            var names = new List<string>();
            using (var handle = Open(key, access))
            {
                if (handle == null)
                {
                    return names;
                }

                var buffer = new char[maxLength + 1];
                for (var index = 0; ; index++)
                {
                    var length = buffer.Length;
                    var status = enumerate(handle, index, buffer, ref length);
                    if (status == NativeMethods.ErrorNoMoreItems || IsAbsent(status))
                    {
                        return names;
                    }

                    if (status == NativeMethods.ErrorMoreData)
                    {
                        buffer = new char[buffer.Length * 2];
                        index--;
                        continue;
                    }

                    if (status != NativeMethods.ErrorSuccess)
                    {
                        throw Failure(status, key, verb);
                    }

                    names.Add(new string(buffer, 0, length));
                }
            }
        }

        public IReadOnlyDictionary<string, RegistryValue>? ReadUnloadedHiveKey(string sid, string profilePath, string relativeKey) =>
            Hives.UserHiveReader.ReadKey(WindowsFileOperations.Instance, profilePath, relativeKey);

        public void SetValue(RegistryKeyPath key, string name, RegistryValue value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            var (type, data) = Encode(value);
            var status = NativeMethods.RegCreateKeyExW(Root(key), key.Path, 0, null, NativeMethods.RegOptionNonVolatile,
                NativeMethods.KeySetValue | ViewFlag(key), IntPtr.Zero, out var handle, out _);
            using (handle)
            {
                if (status != NativeMethods.ErrorSuccess)
                {
                    throw Failure(status, key, "create or open");
                }

                status = NativeMethods.RegSetValueExW(handle, name ?? string.Empty, 0, type, data, data.Length);
                if (status != NativeMethods.ErrorSuccess)
                {
                    throw Failure(status, key, "write the value '" + name + "' of");
                }
            }
        }

        public void DeleteValue(RegistryKeyPath key, string name)
        {
            using (var handle = Open(key, NativeMethods.KeySetValue))
            {
                if (handle == null)
                {
                    return;
                }

                var status = NativeMethods.RegDeleteValueW(handle, name ?? string.Empty);
                if (status != NativeMethods.ErrorSuccess && !IsAbsent(status))
                {
                    throw Failure(status, key, "delete the value '" + name + "' of");
                }
            }
        }

        /// <summary>
        /// Deletes a key with everything below it. Not part of <see cref="IRegistry"/>: the services never delete
        /// keys; the contract tests need it to remove their scratch key. An absent key is not an error.
        /// </summary>
        internal void DeleteKeyTree(RegistryKeyPath key)
        {
            var separator = key.Path.LastIndexOf('\\');
            if (separator < 0)
            {
                throw new ArgumentException("Refusing to delete a key directly below the hive: " + key, nameof(key));
            }

            var parent = new RegistryKeyPath(key.Hive, key.Path.Substring(0, separator), key.View);
            var child = key.Path.Substring(separator + 1);
            using (var handle = Open(parent,
                NativeMethods.Delete | NativeMethods.KeyEnumerateSubKeys | NativeMethods.KeyQueryValue | NativeMethods.KeySetValue))
            {
                if (handle == null)
                {
                    return;
                }

                var status = NativeMethods.RegDeleteTreeW(handle, child);
                if (status != NativeMethods.ErrorSuccess && !IsAbsent(status))
                {
                    throw Failure(status, key, "delete");
                }
            }
        }

        internal static (int Type, byte[] Data) Encode(RegistryValue value)
        {
            switch (value.Kind)
            {
                case RegistryValueKind.DWord: return (NativeMethods.RegDword, BitConverter.GetBytes((uint)value.Data));
                case RegistryValueKind.QWord: return (NativeMethods.RegQword, BitConverter.GetBytes((ulong)value.Data));
                case RegistryValueKind.String: return (NativeMethods.RegSz, Encoding.Unicode.GetBytes((string)value.Data + "\0"));
                case RegistryValueKind.ExpandString: return (NativeMethods.RegExpandSz, Encoding.Unicode.GetBytes((string)value.Data + "\0"));
                case RegistryValueKind.Binary: return (NativeMethods.RegBinary, (byte[])value.Data);
                default:
                    var text = new StringBuilder();
                    foreach (var item in (string[])value.Data)
                    {
                        text.Append(item).Append('\0');
                    }

                    return (NativeMethods.RegMultiSz, Encoding.Unicode.GetBytes(text.Append('\0').ToString()));
            }
        }

        private static RegistryKeyHandle? Open(RegistryKeyPath key, int access)
        {
            var status = NativeMethods.RegOpenKeyExW(Root(key), key.Path, 0, access | ViewFlag(key), out var handle);
            if (status == NativeMethods.ErrorSuccess)
            {
                return handle;
            }

            handle.Dispose();
            if (IsAbsent(status))
            {
                return null;
            }

            throw Failure(status, key, "open");
        }

        private static bool IsAbsent(int status) => status == NativeMethods.ErrorFileNotFound || status == NativeMethods.ErrorPathNotFound
            || status == NativeMethods.ErrorKeyDeleted;

        private static IntPtr Root(RegistryKeyPath key) => key.Hive == RegistryHive.LocalMachine ? NativeMethods.HkeyLocalMachine
            : NativeMethods.HkeyUsers;

        private static int ViewFlag(RegistryKeyPath key) => key.View == RegistryView.Registry32 ? NativeMethods.KeyWow64_32Key
            : NativeMethods.KeyWow64_64Key;

        private static Exception Failure(int status, RegistryKeyPath key, string action)
        {
            var where = key + " (" + key.ViewName + " view)";
            var cause = new Win32Exception(status);
            if (status == NativeMethods.ErrorAccessDenied)
            {
                return new UnauthorizedAccessException("Access denied: could not " + action + " the registry key " + where
                    + ". Run elevated or as SYSTEM.", cause);
            }

            return new IOException("Could not " + action + " the registry key " + where + ": " + cause.Message + " (error " + status + ").", cause);
        }
    }
}
