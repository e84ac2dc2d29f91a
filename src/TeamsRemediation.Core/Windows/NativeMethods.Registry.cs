using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>advapi32 registry functions, declared from the winreg.h reference (sdk-api winreg/nf-winreg-*).</summary>
    internal static partial class NativeMethods
    {
        internal const int ErrorSuccess = 0;
        internal const int ErrorFileNotFound = 2;
        internal const int ErrorPathNotFound = 3;
        internal const int ErrorAccessDenied = 5;
        internal const int ErrorInvalidParameter = 87;
        internal const int ErrorInsufficientBuffer = 122;
        internal const int ErrorMoreData = 234;
        internal const int ErrorNoMoreItems = 259;
        internal const int ErrorKeyDeleted = 1018;

        internal const int KeyQueryValue = 0x0001;
        internal const int KeySetValue = 0x0002;
        internal const int KeyCreateSubKey = 0x0004;
        internal const int KeyEnumerateSubKeys = 0x0008;
        internal const int KeyWow64_64Key = 0x0100;
        internal const int KeyWow64_32Key = 0x0200;
        internal const int Delete = 0x00010000;

        internal const int RegNone = 0;
        internal const int RegSz = 1;
        internal const int RegExpandSz = 2;
        internal const int RegBinary = 3;
        internal const int RegDword = 4;
        internal const int RegMultiSz = 7;
        internal const int RegQword = 11;

        internal const int RegOptionNonVolatile = 0;

        // The predefined roots are sign-extended 32-bit constants ((HKEY)(ULONG_PTR)((LONG)0x80000002)).
        internal static readonly IntPtr HkeyLocalMachine = new IntPtr(unchecked((int)0x80000002));
        internal static readonly IntPtr HkeyUsers = new IntPtr(unchecked((int)0x80000003));

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegOpenKeyExW(IntPtr hKey, string lpSubKey, int ulOptions, int samDesired, out RegistryKeyHandle phkResult);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegCreateKeyExW(IntPtr hKey, string lpSubKey, int reserved, string? lpClass, int dwOptions, int samDesired,
            IntPtr lpSecurityAttributes, out RegistryKeyHandle phkResult, out int lpdwDisposition);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegQueryValueExW(RegistryKeyHandle hKey, string lpValueName, IntPtr lpReserved, out int lpType, byte[]? lpData,
            ref int lpcbData);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegSetValueExW(RegistryKeyHandle hKey, string lpValueName, int reserved, int dwType, byte[] lpData, int cbData);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegDeleteValueW(RegistryKeyHandle hKey, string lpValueName);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegDeleteTreeW(RegistryKeyHandle hKey, string? lpSubKey);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegEnumKeyExW(RegistryKeyHandle hKey, int dwIndex, char[] lpName, ref int lpcchName, IntPtr lpReserved,
            IntPtr lpClass, IntPtr lpcchClass, IntPtr lpftLastWriteTime);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RegEnumValueW(RegistryKeyHandle hKey, int dwIndex, char[] lpValueName, ref int lpcchValueName, IntPtr lpReserved,
            IntPtr lpType, IntPtr lpData, IntPtr lpcbData);

        [DllImport("advapi32.dll", ExactSpelling = true)]
        internal static extern int RegCloseKey(IntPtr hKey);

        internal const int KeyRead = 0x20019;

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, ExactSpelling = true, EntryPoint = "RegOpenKeyExW")]
        internal static extern int RegOpenSubKeyExW(RegistryKeyHandle hKey, string lpSubKey, int ulOptions, int samDesired,
            out RegistryKeyHandle phkResult);
    }
}
