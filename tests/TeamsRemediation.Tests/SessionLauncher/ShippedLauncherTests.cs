using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.PortableExecutable;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tests.UserBridge;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.SessionLauncher
{
    /// <summary>
    /// The launcher as built (a GUI-subsystem AnyCPU program), and the module's check of it before a task names it: the program as built,
    /// signed or not, is accepted; anything else is ModuleLauncherAltered and nothing is registered.
    /// </summary>
    public sealed class ShippedLauncherTests
    {
        [Fact]
        public void TheLauncherIsAGuiProgramThatRuns64BitOn64BitWindowsAndIsHashedAsBuilt()
        {
            var content = File.ReadAllBytes(ShippedScriptFiles.LauncherPath);
            using var reader = new PEReader(new MemoryStream(content));
            var headers = reader.PEHeaders;

            // WinExe: no console of its own, so the PowerShell it starts with CreateNoWindow has none to inherit (W20).
            Assert.Equal(Subsystem.WindowsGui, headers.PEHeader!.Subsystem);
            // AnyCPU without Prefer32Bit: IL only, neither 32-bit flag, so the 64-bit Task Scheduler service starts it 64-bit (W2).
            Assert.True(headers.CorHeader!.Flags.HasFlag(System.Reflection.PortableExecutable.CorFlags.ILOnly));
            Assert.False(headers.CorHeader.Flags.HasFlag(System.Reflection.PortableExecutable.CorFlags.Requires32Bit));
            Assert.False(headers.CorHeader.Flags.HasFlag(System.Reflection.PortableExecutable.CorFlags.Prefers32Bit));
            Assert.Equal(Machine.I386, headers.CoffHeader.Machine);
            // What ProgramAsBuilt relies on: no checksum, no signature, and a length a signer pads nothing to.
            Assert.Equal(0u, headers.PEHeader.CheckSum);
            Assert.Equal(0, headers.PEHeader.CertificateTableDirectory.Size);
            Assert.Equal(0, content.Length % 8);
            Assert.Equal(content, ShippedFileContent.ProgramAsBuilt(content));
            Assert.True(ShippedFileContent.IsProgramAsBuilt(content, ShippedScriptHashes.ProgramSha256[ShippedLauncher.FileName]));
        }

        [Fact]
        public void TheLauncherAsBuiltAndAsSignedIsVerified()
        {
            using var temp = new TempFolder();
            var scripts = ShippedScriptFiles.CopyTo(temp.Path);
            using var scenario = new BridgeScenario();
            var launcher = new ShippedLauncher(scenario.Machine, temp.Path);

            Assert.Equal(launcher.Path, launcher.Verified());
            File.WriteAllBytes(launcher.Path, Signed(File.ReadAllBytes(launcher.Path)));
            Assert.Equal(launcher.Path, launcher.Verified());
            Assert.NotNull(scripts);
        }

        public static IEnumerable<object[]> Tampering => new[]
        {
            new object[] { "a changed byte", (Action<string>)(path =>
            {
                var content = File.ReadAllBytes(path);
                content[content.Length / 2] ^= 0x5A;
                File.WriteAllBytes(path, content);
            }), "different from the one this module was built with" },
            new object[] { "bytes appended", (Action<string>)(path => File.AppendAllText(path, "MZ")),
                "different from the one this module was built with" },
            new object[] { "bytes appended after a signature", (Action<string>)(path =>
                File.WriteAllBytes(path, Concat(Signed(File.ReadAllBytes(path)), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }))),
                "different from the one this module was built with" },
            new object[] { "a code change under a signature", (Action<string>)(path =>
            {
                var content = File.ReadAllBytes(path);
                content[content.Length / 2] ^= 0x5A;
                File.WriteAllBytes(path, Signed(content));
            }), "different from the one this module was built with" },
            new object[] { "another program", (Action<string>)(path =>
                File.Copy(typeof(TeamsRemediation.Simulation.SimulatedPc).Assembly.Location, path, overwrite: true)),
                "different from the one this module was built with" },
            new object[] { "a program of over a megabyte", (Action<string>)(path =>
                File.WriteAllBytes(path, Concat(File.ReadAllBytes(path), new byte[1024 * 1024]))),
                "not a file of the launcher's size" },
            new object[] { "deleted", (Action<string>)File.Delete, "missing" },
            new object[] { "a symbolic link to a copy", (Action<string>)(path =>
            {
                File.Move(path, path + ".real");
                File.CreateSymbolicLink(path, path + ".real");
            }), "a junction or symbolic link" },
        };

        [Theory]
        [MemberData(nameof(Tampering))]
        public void AnAlteredLauncherIsRefusedWithItsIdAndNoTaskOrFolderIsMade(string what, Action<string> tamper, string why)
        {
            using var temp = new TempFolder();
            using var scenario = new BridgeScenario();
            var alice = scenario.Pc.AddUser("alice", loggedOn: true);
            var scripts = new ShippedScripts(scenario.Machine, ShippedScriptFiles.CopyTo(temp.Path));
            var launcher = Path.Combine(temp.Path, ShippedLauncher.FileName);
            tamper(launcher);
            var bridge = new UserSessionBridge(scenario.Machine, scenario.Log, scripts);

            var refused = Assert.Throws<UserBridgeException>(() => bridge.Run(scenario.Request(), default));

            Assert.True(refused.Error.Id == "ModuleLauncherAltered", what + ": " + refused.Error.Id);
            Assert.Equal(launcher, refused.Error.Target);
            Assert.Contains(why, refused.Error.Message);
            Assert.Empty(scenario.Tasks.RegisteredNames);
            Assert.Empty(scenario.Tasks.Runs);
            Assert.Empty(scenario.LeftFolders);
            Assert.Contains("Refused: ModuleLauncherAltered", scenario.LogText);
            Assert.NotNull(alice);
        }

        /// <summary>
        /// What Authenticode signing does to a PE file (Windows Authenticode PE Signature Format): a CheckSum, the Certificate Table entry
        /// pointing at the end of the file, and a WIN_CERTIFICATE appended there (here a header and filler, which the hash never covers).
        /// </summary>
        private static byte[] Signed(byte[] content)
        {
            using var reader = new PEReader(new MemoryStream(content));
            var optionalHeader = reader.PEHeaders.PEHeaderStartOffset;
            var signed = Concat(content, new byte[] { 16, 0, 0, 0, 0, 2, 2, 0, 0x30, 0x82, 1, 2, 3, 4, 5, 6 });
            BitConverter.GetBytes(0x1A2B3Cu).CopyTo(signed, optionalHeader + 64);
            var certificateEntry = optionalHeader + (reader.PEHeaders.PEHeader!.Magic == PEMagic.PE32 ? 128 : 144);
            BitConverter.GetBytes(content.Length).CopyTo(signed, certificateEntry);
            BitConverter.GetBytes(16).CopyTo(signed, certificateEntry + 4);
            return signed;
        }

        private static byte[] Concat(byte[] first, byte[] second)
        {
            var all = new byte[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
