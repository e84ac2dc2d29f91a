using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Network;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Diagnostics;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// What a 32-bit process on 64-bit Windows (Intune's default Windows PowerShell) meets that a 64-bit one does not:
    /// pointer-sized fields in the native structs, System32 redirected to SysWOW64 with Sysnative the way back, and
    /// HKLM\SOFTWARE redirected to WOW6432Node. The layout facts run at every bitness; the WOW64 facts run in the
    /// Windows leg's win-x86 run (.ci/wine) and on a real PC in a 32-bit host.
    /// </summary>
    public sealed class Wow64Tests
    {
        private const ushort MachineI386 = 0x014C, MachineAmd64 = 0x8664;

        private static bool Is64 => IntPtr.Size == 8;

        /// <summary>
        /// The sizes and offsets the Windows SDK headers give each struct the module marshals, for this process's bitness:
        /// a field of the wrong width or a missing pointer alignment shifts everything after it on one bitness only.
        /// </summary>
        [Fact]
        public void TheNativeStructsHaveTheWindowsLayoutAtThisBitness()
        {
            Assert.Equal(Is64 ? 568 : 556, Marshal.SizeOf<NativeMethods.ProcessEntry32W>());
            Assert.Equal(Is64 ? 44 : 36, Marshal.OffsetOf<NativeMethods.ProcessEntry32W>(nameof(NativeMethods.ProcessEntry32W.szExeFile)).ToInt32());
            Assert.Equal(Is64 ? 32 : 24,
                Marshal.OffsetOf<NativeMethods.ProcessEntry32W>(nameof(NativeMethods.ProcessEntry32W.th32ParentProcessID)).ToInt32());
            Assert.Equal(592, Marshal.SizeOf<NativeMethods.Win32FindDataW>());
            Assert.Equal(52, Marshal.SizeOf<NativeMethods.ByHandleFileInformation>());
            Assert.Equal(Is64 ? 16 : 8, Marshal.SizeOf<NativeMethods.UnicodeString>());
            Assert.Equal(Is64 ? 48 : 24, Marshal.SizeOf<NativeMethods.ObjectAttributes>());
            Assert.Equal(Is64 ? 8 : 4,
                Marshal.OffsetOf<NativeMethods.ObjectAttributes>(nameof(NativeMethods.ObjectAttributes.RootDirectory)).ToInt32());
            Assert.Equal(Is64 ? 16 : 8, Marshal.SizeOf<NativeMethods.IoStatusBlock>());
            Assert.Equal(8, Marshal.SizeOf<NativeMethods.Luid>());
            Assert.Equal(16, Marshal.SizeOf<NativeMethods.LuidAndAttributesPrivilege>());
            Assert.Equal(Is64 ? 24 : 12, Marshal.SizeOf<NativeMethods.WtsSessionInfoW>());
            Assert.Equal(Is64 ? 24 : 12, Marshal.SizeOf<NativeMethods.SecurityAttributes>());
            Assert.Equal(284, Marshal.SizeOf<NativeMethods.OsVersionInfoExW>());
            Assert.Equal(Is64 ? 24 : 12, Marshal.SizeOf<NativeMethods.WinHttpProxyInfo>());
        }

        /// <summary>
        /// File System Redirector: the 32-bit caller's System32 is SysWOW64 (32-bit images), and the Sysnative alias the module
        /// uses for dsregcmd, wevtutil and the helper scripts reaches the native 64-bit System32.
        /// </summary>
        [Wow64Fact]
        public void System32IsRedirectedAndTheToolsTheModuleStartsAreTheNativeOnes()
        {
            var windows = WindowsMachine.Local.WindowsPath;
            Assert.True(WindowsMachine.Local.Is32BitProcess);

            var tool = SystemTools.Resolve(WindowsMachine.Local, "cmd.exe");

            Assert.Equal(Path.Combine(windows, "Sysnative", "cmd.exe"), tool, ignoreCase: true);
            Assert.Equal(MachineAmd64, ImageMachine(tool));
            Assert.Equal(MachineI386, ImageMachine(Path.Combine(windows, "System32", "cmd.exe")));
        }

        /// <summary>
        /// Registry redirection as a 32-bit process meets it: WinHTTP's own API answers from WOW6432Node, while the diagnosis reports the
        /// 64-bit view's proxy, the one Teams and WAM use (W10). HKLM is written, so only in a Wine prefix.
        /// </summary>
        [Wow64Fact(ChangesTheMachine = true)]
        public void TheDiagnosisTakesThe64BitWinHttpProxyWhereTheApiAnswersFromWow6432Node()
        {
            var registry = WindowsMachine.Local.Registry;
            var key64 = new RegistryKeyPath(RegistryHive.LocalMachine, WinHttpProxyViews.ConnectionsKey, RegistryView.Registry64);
            var key32 = key64.WithView(RegistryView.Registry32);
            var before64 = registry.GetValue(key64, WinHttpProxyViews.ValueName);
            var before32 = registry.GetValue(key32, WinHttpProxyViews.ValueName);
            FreshModuleFolder.Reset(WindowsMachine.Local);
            try
            {
                registry.SetValue(key64, WinHttpProxyViews.ValueName, NamedProxy("proxy64.contoso.com:8080"));
                registry.SetValue(key32, WinHttpProxyViews.ValueName, NamedProxy("proxy32.contoso.com:3128"));

                // The API of a 32-bit caller never answers with the 64-bit view's proxy (Windows gives the WOW6432Node copy; Wine 8's
                // winhttp reads only an older layout of the value and answers direct).
                Assert.NotEqual("proxy64.contoso.com:8080", WindowsMachine.Local.NetworkSettings.GetWinHttpProxy().ProxyServer);
                using var shell = new ModuleSession(machine: null);
                var finding = shell.Invoke("Test-TeamsCaa20002 -SkipNetwork -CheckId Network.Proxy").Select(o => o.BaseObject)
                    .OfType<TeamsCaa20002Finding>().Single(f => f.CheckId == "Network.Proxy");

                Assert.Contains("WinHTTP proxy: proxy64.contoso.com:8080.", finding.Evidence);
                Assert.Contains(finding.Evidence,
                    line => line.StartsWith("WinHTTP proxy read from the 64-bit registry view", StringComparison.Ordinal));
                Assert.DoesNotContain(finding.Evidence, line => line.StartsWith("WinHTTP proxy: proxy32", StringComparison.Ordinal));
            }
            finally
            {
                Restore(registry, key64, before64);
                Restore(registry, key32, before32);
                FreshModuleFolder.Reset(WindowsMachine.Local);
            }
        }

        private static RegistryValue NamedProxy(string proxy) => RegistryValue.Binary(WinHttpProxyViewsTests.Blob(3, proxy, string.Empty));

        /// <summary>IMAGE_FILE_HEADER.Machine of a PE image: e_lfanew at 0x3C, then "PE\0\0" and the machine word.</summary>
        private static ushort ImageMachine(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var header = BitConverter.ToInt32(bytes, 0x3C);
            Assert.Equal(0x00004550u, BitConverter.ToUInt32(bytes, header));
            return BitConverter.ToUInt16(bytes, header + 4);
        }

        private static void Restore(IRegistry registry, RegistryKeyPath key, RegistryValue? value)
        {
            if (value == null)
            {
                registry.DeleteValue(key, WinHttpProxyViews.ValueName);
            }
            else
            {
                registry.SetValue(key, WinHttpProxyViews.ValueName, value);
            }
        }
    }
}
