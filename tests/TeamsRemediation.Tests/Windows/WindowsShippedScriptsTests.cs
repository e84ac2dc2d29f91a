using System.IO;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The shipped-script check on Windows (and in the Wine leg, which has no powershell.exe to start them): the module's own
    /// scripts, read through the Windows storage seam (one handle, links refused), match the hashes in the dll, and a changed
    /// copy does not.
    /// </summary>
    public sealed class WindowsShippedScriptsTests
    {
        [WindowsFact]
        public void TheModulesOwnScriptsMatchWhatWasBuiltThroughTheWindowsFileReads()
        {
            var scripts = ShippedScripts.ForModule(WindowsMachine.Local);

            Assert.All(ShippedScriptHashes.Sha256.Keys, name => Assert.Equal(scripts.PathOf(name), scripts.Verified(name)));
        }

        [WindowsFact]
        public void AChangedCopyIsRefusedWithItsIdThroughTheWindowsFileReads()
        {
            using var temp = new TempFolder();
            var scripts = new ShippedScripts(WindowsMachine.Local, ShippedScriptFiles.CopyTo(temp.Path));
            File.AppendAllText(scripts.PathOf(WindowsPowerShellScript.BrokerPlugin), "\r\nStart-Process calc\r\n");

            var refused = Assert.Throws<ShippedScriptException>(() => scripts.Verified(WindowsPowerShellScript.BrokerPlugin));

            Assert.Equal("ModuleScriptAltered", refused.Error.Id);
            Assert.Equal(scripts.PathOf(WindowsPowerShellScript.SignOutWamAccounts), scripts.Verified(WindowsPowerShellScript.SignOutWamAccounts));
        }
    }
}
