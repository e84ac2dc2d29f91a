namespace TeamsRemediation.Platform
{
    /// <summary>Whose Authenticode signature a file carries, checked offline before the module runs a program an admin named.</summary>
    public interface IFileSignatures
    {
        /// <summary>The file's signature as Windows judges it; never throws: a file that cannot be judged is a verdict too.</summary>
        FileSignature Check(string path);
    }

    /// <summary>What a signature check found.</summary>
    public enum FileSignatureVerdict
    {
        /// <summary>A valid signature, trusted by Windows, whose signer is Microsoft Corporation.</summary>
        Microsoft,

        /// <summary>A valid, trusted signature of another publisher.</summary>
        OtherPublisher,

        /// <summary>No signature, a broken one, or one Windows does not trust.</summary>
        NotTrusted,
    }

    /// <summary>A signature check's verdict and the facts behind it (the signer, or Windows' reason).</summary>
    public sealed class FileSignature
    {
        public FileSignature(FileSignatureVerdict verdict, string detail)
        {
            Verdict = verdict;
            Detail = detail ?? string.Empty;
        }

        public FileSignatureVerdict Verdict { get; }

        /// <summary>"signed by CN=Microsoft Corporation, O=Microsoft Corporation, ...", or why it is not trusted.</summary>
        public string Detail { get; }
    }
}
