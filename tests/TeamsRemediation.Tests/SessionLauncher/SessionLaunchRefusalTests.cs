using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.SessionLauncher;
using Xunit;

namespace TeamsRemediation.Tests.SessionLauncher
{
    /// <summary>
    /// The session launcher runs the module's own scripts as built and nothing else: every other request is refused with its own exit code
    /// before anything starts. The stand-in PowerShell path does not exist, so a request that got past the checks would exit with
    /// PowerShellNotStarted instead of the code each case expects.
    /// </summary>
    public sealed class SessionLaunchRefusalTests
    {
        private const string Signature = "\r\n# SIG # Begin signature block\r\n# MIIFuQYJKoZIhvcNAQcCoIIFqjCCBaYCAQExCzAJBgUrDgMCGgUAMGkGCisGAQQB\r\n"
            + "# gjcCAQSgWzBZMDQGCisGAQQBgjcCAR4wJgIDAQAABBAfzDtgWUsITrck0sYpfvNR\r\n# SIG # End signature block\r\n";

        [Theory]
        [InlineData("..\\UserBridgeChild.ps1")]
        [InlineData("../UserBridgeChild.ps1")]
        [InlineData("Scripts\\UserBridgeChild.ps1")]
        [InlineData("/tmp/UserBridgeChild.ps1")]
        [InlineData("C:UserBridgeChild.ps1")]
        [InlineData("C:\\Windows\\System32\\cmd.exe")]
        [InlineData("..")]
        [InlineData("UserBridgeChild.ps1..ps1")]
        [InlineData("cmd.exe")]
        [InlineData("UserBridgeChild.ps1 ")]
        public void APathOrAnythingButABareScriptNameIsRefused(string name)
        {
            using var folder = new LauncherFolder();

            Assert.Equal(LauncherExitCodes.ScriptNameRefused, folder.RunWithoutPowerShell(name, "-RunId", "abc"));
        }

        [Theory]
        [InlineData("Evil.ps1")]
        [InlineData("UserBridgeChild2.ps1")]
        public void AScriptTheModuleDoesNotShipIsRefusedEvenWhenItsFileIsThere(string name)
        {
            using var folder = new LauncherFolder();
            File.WriteAllText(Path.Combine(folder.ScriptsFolder, name), "Start-Process calc\n");

            Assert.Equal(LauncherExitCodes.UnknownScript, folder.RunWithoutPowerShell(name));
        }

        public static IEnumerable<object[]> NoScriptRequests => new[]
        {
            new object[] { Array.Empty<string>() },
            new object[] { new[] { "-File", "UserBridgeChild.ps1" } },
            new object[] { new[] { string.Empty } },
            new object[] { new[] { LauncherFolder.Script, "value-without-name" } },
            new object[] { new[] { LauncherFolder.Script, "-RunId", "abc", "stray" } },
            new object[] { new[] { LauncherFolder.Script, "-Run;Id", "abc" } },
            new object[] { new[] { LauncherFolder.Script, "-", "abc" } },
        };

        [Theory]
        [MemberData(nameof(NoScriptRequests))]
        public void ArgumentsThatAreNoScriptRequestAreRefused(string[] args)
        {
            using var folder = new LauncherFolder();

            Assert.Equal(LauncherExitCodes.BadArguments, folder.RunWithoutPowerShell(args));
        }

        [Fact]
        public void AMissingScriptIsRefused()
        {
            using var folder = new LauncherFolder();
            File.Delete(folder.ScriptPath);

            Assert.Equal(LauncherExitCodes.ScriptMissing, folder.RunWithoutPowerShell(LauncherFolder.Script, "-RunId", "abc"));
        }

        [Fact]
        public void AScriptThatIsASymbolicLinkIsRefusedEvenToTheRightContent()
        {
            using var folder = new LauncherFolder();
            var real = folder.WriteFile("real.ps1", File.ReadAllText(folder.ScriptPath));
            File.Delete(folder.ScriptPath);
            File.CreateSymbolicLink(folder.ScriptPath, real);

            Assert.Equal(LauncherExitCodes.ScriptIsLink, folder.RunWithoutPowerShell(LauncherFolder.Script, "-RunId", "abc"));
        }

        [Fact]
        public void AScriptsFolderThatIsALinkIsRefused()
        {
            using var folder = new LauncherFolder();
            var elsewhere = folder.ScriptsFolder + ".real";
            Directory.Move(folder.ScriptsFolder, elsewhere);
            Directory.CreateSymbolicLink(folder.ScriptsFolder, elsewhere);

            Assert.Equal(LauncherExitCodes.ScriptIsLink, folder.RunWithoutPowerShell(LauncherFolder.Script, "-RunId", "abc"));
        }

        [Theory]
        [InlineData("one more line")]
        [InlineData("a changed line under a signature")]
        public void AnAlteredScriptIsRefused(string what)
        {
            using var folder = new LauncherFolder();
            var text = File.ReadAllText(folder.ScriptPath);
            File.WriteAllText(folder.ScriptPath, what == "one more line"
                ? text + "\nRemove-Item -Recurse C:\\Users\n"
                : text.Replace("$ErrorActionPreference", "$ErrorActionPreferenc") + Signature);

            Assert.Equal(LauncherExitCodes.ScriptAltered, folder.RunWithoutPowerShell(LauncherFolder.Script, "-RunId", "abc"));
        }

        [Fact]
        public void ASignedScriptIsTheScriptAsBuiltAndGoesOnToStartPowerShell()
        {
            using var folder = new LauncherFolder();
            File.AppendAllText(folder.ScriptPath, Signature);

            Assert.Equal(LauncherExitCodes.PowerShellNotStarted, folder.RunWithoutPowerShell(LauncherFolder.Script, "-RunId", "abc"));
        }

        [Fact]
        public void TheExitCodesAreDistinctAndOutsideWhatAScriptReturnsByItself()
        {
            var codes = new[]
            {
                LauncherExitCodes.BadArguments, LauncherExitCodes.ScriptNameRefused, LauncherExitCodes.UnknownScript,
                LauncherExitCodes.ScriptMissing, LauncherExitCodes.ScriptIsLink, LauncherExitCodes.ScriptAltered,
                LauncherExitCodes.PowerShellNotStarted, LauncherExitCodes.LauncherFailed,
            };

            Assert.Equal(codes.Length, new System.Collections.Generic.HashSet<int>(codes).Count);
            Assert.All(codes, c => Assert.InRange(c, 0x54520001, 0x54520008));
            // The errors help topic lists each code with what it means (UserBridgeNoResult shows the task's last result in hex).
            var help = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TeamsRemediation.Demo.ModuleSession.ManifestPath)!, "en-US",
                "about_TeamsRemediation_Errors.help.txt"));
            Assert.All(codes, c => Assert.Contains("0x" + c.ToString("X8", System.Globalization.CultureInfo.InvariantCulture), help));
        }
    }
}
