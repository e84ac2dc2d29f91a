using System;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Module;
using Xunit;

namespace TeamsRemediation.Tests.Targets
{
    /// <summary>
    /// A user's folders are expanded with the machine's variables as a 64-bit process has them: WOW64 gives a 32-bit process (Intune's
    /// default Windows PowerShell) ProgramFiles = "Program Files (x86)" and the native folder as ProgramW6432.
    /// </summary>
    public sealed class MachineVariableTests
    {
        /// <remarks>Off Windows only: the process environment is shared, and on Windows the real values must stay as they are.</remarks>
        [NotWindowsFact]
        public void ProgramFilesOfA32BitHostIsTheNativeFolderFromProgramW6432()
        {
            var programFiles = Environment.GetEnvironmentVariable("ProgramFiles");
            var programW6432 = Environment.GetEnvironmentVariable("ProgramW6432");
            try
            {
                Environment.SetEnvironmentVariable("ProgramFiles", @"C:\Program Files (x86)");
                Environment.SetEnvironmentVariable("ProgramW6432", @"C:\Program Files");
                Assert.Equal(@"C:\Program Files", UserFolderReader.MachineVariable("ProgramFiles"));
                Assert.Equal(@"C:\Program Files", UserFolderReader.MachineVariable("programfiles"));

                // 32-bit Windows has no ProgramW6432: its ProgramFiles is the only one.
                Environment.SetEnvironmentVariable("ProgramW6432", null);
                Environment.SetEnvironmentVariable("ProgramFiles", @"C:\Program Files");
                Assert.Equal(@"C:\Program Files", UserFolderReader.MachineVariable("ProgramFiles"));
            }
            finally
            {
                Environment.SetEnvironmentVariable("ProgramFiles", programFiles);
                Environment.SetEnvironmentVariable("ProgramW6432", programW6432);
            }
        }
    }
}
