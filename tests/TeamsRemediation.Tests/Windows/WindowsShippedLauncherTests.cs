using System.IO;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The session launcher's check on Windows (and in the Wine leg, which has no .NET Framework to run the launcher itself): the module's
    /// own launcher, read through the Windows storage seam (one handle, links refused), matches the hash in the dll, and a changed copy
    /// does not.
    /// </summary>
    public sealed class WindowsShippedLauncherTests
    {
        [WindowsFact]
        public void TheModulesOwnLauncherMatchesWhatWasBuiltThroughTheWindowsFileReads()
        {
            var launcher = ShippedLauncher.Beside(WindowsMachine.Local, ShippedScripts.ForModule(WindowsMachine.Local));

            Assert.Equal(launcher.Path, launcher.Verified());
        }

        [WindowsFact]
        public void AChangedCopyIsRefusedWithItsIdThroughTheWindowsFileReads()
        {
            using var temp = new TempFolder();
            var copy = new ShippedScripts(WindowsMachine.Local, ShippedScriptFiles.CopyTo(temp.Path));
            var launcher = ShippedLauncher.Beside(WindowsMachine.Local, copy);
            Assert.Equal(launcher.Path, launcher.Verified());
            File.AppendAllText(launcher.Path, "MZ");

            var refused = Assert.Throws<ShippedScriptException>(() => launcher.Verified());

            Assert.Equal("ModuleLauncherAltered", refused.Error.Id);
        }
    }
}
