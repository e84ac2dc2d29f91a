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

        /// <summary>A copy of the Scripts folder in <paramref name="parent"/>, for a test that changes a script.</summary>
        public static string CopyTo(string parent)
        {
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
