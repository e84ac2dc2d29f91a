using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The helper scripts the module ships as files in its own folder (Scripts\ beside TeamsRemediation.Core.dll), started with
    /// powershell.exe -File. Before one is started, its file is read through one handle (a link is refused) and compared with the
    /// SHA-256 the build compiled into this dll; a file that differs is refused with ModuleScriptAltered and nothing is started.
    /// An Authenticode signature block that build.ps1 appended is allowed: it is a trailing block of comment lines the hash does
    /// not cover, and AppLocker or WDAC check the signature itself.
    /// </summary>
    public sealed class ShippedScripts
    {
        public const string FolderName = "Scripts";

        // The helpers are a few kilobytes; anything much larger is not one of them and is not read whole.
        private const long MaximumScriptBytes = 1024 * 1024;

        private readonly IMachine machine;

        /// <summary>The scripts in <paramref name="folder"/>: the module's own (<see cref="ForModule"/>), or a copy a test tampers with.</summary>
        public ShippedScripts(IMachine machine, string folder)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        }

        /// <summary>The Scripts folder beside the running TeamsRemediation.Core.dll: the module's own, never a path a caller gave.</summary>
        public static ShippedScripts ForModule(IMachine machine) => new ShippedScripts(machine, ModuleScriptsFolder());

        public string Folder { get; }

        public string PathOf(string name) => Path.Combine(Folder, name);

        /// <summary>
        /// What to tell the admin when a shipped script reported a language mode other than FullLanguage from inside itself: under
        /// AppLocker or WDAC an allowed script file runs in FullLanguage, so the policy did not allow this one.
        /// </summary>
        public static string ConstrainedLanguageRemedy(string scriptsFolder) =>
            "the policy runs command lines in ConstrainedLanguage; allow the module's signed scripts (" + scriptsFolder
                + ", by a publisher rule for the module's signing certificate or a path rule) in the AppLocker or WDAC policy";

        /// <summary>The path of a shipped script whose file is the one the module was built with.</summary>
        /// <exception cref="ShippedScriptException">The file is missing, a link, unreadable, or differs from what was built.</exception>
        public string Verified(string name)
        {
            if (!ShippedScriptHashes.Sha256.TryGetValue(name, out var expected))
            {
                throw new ArgumentException("No shipped script " + name + ".", nameof(name));
            }

            var path = PathOf(name);
            byte[]? content;
            try
            {
                content = machine.Storage.ReadFile(path, MaximumScriptBytes).Content;
            }
            catch (LinkRefusedException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleScriptAltered(path, "a junction or symbolic link"));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleScriptAltered(path, "missing"));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleScriptAltered(path, "unreadable (" + e.Message + ")"));
            }

            if (content == null)
            {
                throw new ShippedScriptException(ModuleErrors.ModuleScriptAltered(path, "not a file of a script's size"));
            }

            if (!ShippedFileContent.IsScriptAsBuilt(content, expected))
            {
                throw new ShippedScriptException(ModuleErrors.ModuleScriptAltered(path, "different from the one this module was built with"));
            }

            return path;
        }

        private static string ModuleScriptsFolder()
        {
            var dll = typeof(ShippedScripts).Assembly.Location;
            return Path.Combine(ExtendedLengthPath.ParentOf(PathScope.Full(dll)), FolderName);
        }
    }
}
