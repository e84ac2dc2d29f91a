using System;
using System.IO;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>What can be wrong with the path of an installer the admin gives for an elevated run, in the order it is judged.</summary>
    public enum InstallerPathProblem
    {
        None,
        NotLocal,
        NotFound,
        IsLink,
        NotExecutable,
        NotTrusted,
    }

    /// <summary>
    /// The one judgement of an installer the admin names (-BootstrapperPath, -WebView2InstallerPath) before it runs elevated, as SYSTEM
    /// under Intune: a local or UNC .exe file, never a web address (nothing is downloaded), never a link (what runs must be the file the
    /// admin named, not whatever a link points at later), and signed by Microsoft as Windows judges the signature. Each installer maps the
    /// problem to its own error ids.
    /// </summary>
    public static class AdminGivenInstaller
    {
        public static InstallerPathProblem Check(IFileOperations files, IFileSignatures signatures, string path, out string signatureDetail)
        {
            if (files == null || signatures == null)
            {
                throw new ArgumentNullException(files == null ? nameof(files) : nameof(signatures));
            }

            signatureDetail = string.Empty;
            if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps
                || uri.Scheme == Uri.UriSchemeFtp))
            {
                return InstallerPathProblem.NotLocal;
            }

            var entry = Path.IsPathRooted(path) ? files.Find(path) : null;
            if (entry == null)
            {
                return InstallerPathProblem.NotFound;
            }

            if (entry.Value.IsLink)
            {
                return InstallerPathProblem.IsLink;
            }

            if (entry.Value.IsDirectory)
            {
                return InstallerPathProblem.NotFound;
            }

            if (!string.Equals(Path.GetExtension(path), ".exe", StringComparison.OrdinalIgnoreCase))
            {
                return InstallerPathProblem.NotExecutable;
            }

            var signature = signatures.Check(path);
            signatureDetail = signature.Detail;
            return signature.Verdict == FileSignatureVerdict.Microsoft ? InstallerPathProblem.None : InstallerPathProblem.NotTrusted;
        }
    }
}
