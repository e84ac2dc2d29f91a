using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// A folder of the module under %ProgramData% that is a link, or that someone other than SYSTEM and Administrators
    /// made or may change and that could not be replaced safely. An UnauthorizedAccessException, so callers that already
    /// treat "not allowed" as one failed item go on treating it so; those that report it use <see cref="Error"/>.
    /// </summary>
    public sealed class UntrustedFolderException : UnauthorizedAccessException
    {
        public UntrustedFolderException(string folder, string why)
            : base(ModuleErrors.ModuleFolderUntrusted(folder, why).Message)
        {
            Folder = folder;
            Why = why;
            Error = ModuleErrors.ModuleFolderUntrusted(folder, why);
        }

        public string Folder { get; }

        /// <summary>What is wrong with it, for callers that word their own error ("a junction or symbolic link", "owned by ...").</summary>
        public string Why { get; }

        public ModuleError Error { get; }
    }
}
