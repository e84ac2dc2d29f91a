using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// Whether this Windows process runs under Wine. Wine's ntdll exports wine_get_version; Windows' never does, so the
    /// export is the documented way to tell (Wine's own FAQ), not a guess from paths or environment variables.
    /// </summary>
    public static class Wine
    {
        private static readonly Lazy<string?> VersionOfWine = new Lazy<string?>(ReadVersion);

        public static bool IsRunning => VersionOfWine.Value != null;

        /// <summary>Wine's version ("8.0"), or null on Windows and elsewhere.</summary>
        public static string? Version => VersionOfWine.Value;

        private static string? ReadVersion()
        {
            if (!OperatingSystem.IsWindows())
            {
                return null;
            }

            var ntdll = GetModuleHandleW("ntdll.dll");
            var export = ntdll == IntPtr.Zero ? IntPtr.Zero : GetProcAddress(ntdll, "wine_get_version");
            if (export == IntPtr.Zero)
            {
                return null;
            }

            var version = Marshal.GetDelegateForFunctionPointer<WineGetVersion>(export)();
            return Marshal.PtrToStringAnsi(version) ?? string.Empty;
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr WineGetVersion();

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        private static extern IntPtr GetModuleHandleW(string moduleName);

        [DllImport("kernel32.dll", CharSet = CharSet.Ansi, ExactSpelling = true)]
        private static extern IntPtr GetProcAddress(IntPtr module, string procName);
    }
}
