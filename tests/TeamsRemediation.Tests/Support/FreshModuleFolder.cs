using System.IO;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// Puts a real PC (a Wine prefix) back to "the module never ran here": no %ProgramData%\TeamsRemediation (journals,
    /// locks, log, reports). Wine reports every file as the Unix user's, so a module folder another test left reads as one
    /// a standard user planted, and the module rightly refuses it; on a fresh PC the module makes the folder itself. Each
    /// test that lets the module write there calls this before and after, so no test depends on another's leftovers.
    /// </summary>
    public static class FreshModuleFolder
    {
        public static void Reset(IMachine machine)
        {
            var folder = JournalStorage.ModuleFolder(machine);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
