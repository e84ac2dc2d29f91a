using System.IO;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>The helper scripts as the module ships them: the Scripts folder beside TeamsRemediation.Core.dll.</summary>
    public static class ShippedScriptFiles
    {
        public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(ShippedScripts).Assembly.Location)!, ShippedScripts.FolderName);

        public static string PathOf(string name) => Path.Combine(Folder, name);

        public static string Text(string name) => File.ReadAllText(PathOf(name));

        /// <summary>The session launcher the build copied beside the module's dll, with the Scripts folder next to it.</summary>
        public static string LauncherPath => Path.Combine(Path.GetDirectoryName(Folder)!, ShippedLauncher.FileName);

        /// <summary>
        /// A copy of the Scripts folder in <paramref name="parent"/>, with the session launcher beside it as in the module folder, for a
        /// test that changes a script or the launcher.
        /// </summary>
        public static string CopyTo(string parent)
        {
            File.Copy(LauncherPath, Path.Combine(parent, ShippedLauncher.FileName));
            var copy = Path.Combine(parent, ShippedScripts.FolderName);
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(Folder))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            return copy;
        }
    }
}
