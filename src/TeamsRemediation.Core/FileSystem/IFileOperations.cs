using System.Collections.Generic;
using System.IO;

namespace TeamsRemediation.FileSystem
{
    /// <summary>
    /// The few file system changes the module makes, and the listing of the trees it removes, behind one seam so a test
    /// can make chosen paths locked or denied exactly as Windows does (IOException for a sharing violation,
    /// UnauthorizedAccessException for an ACL), and so the Windows implementation can reach paths of 260 characters and
    /// more (extended-length paths) where Windows PowerShell 5.1's System.IO cannot. Reading elsewhere stays plain System.IO.
    /// </summary>
    public interface IFileOperations
    {
        /// <summary>
        /// The entries of one folder, links marked and never entered. Lazy: a folder that cannot be listed (gone, denied) throws
        /// IOException or UnauthorizedAccessException when enumerated.
        /// </summary>
        IEnumerable<FolderEntry> List(string folder);

        /// <summary>The entry at a path as <see cref="List"/> gives it (a link as a link, never followed), or null when nothing is there.</summary>
        FolderEntry? Find(string path);

        /// <summary>Creates a folder and every missing folder above it; one already there is no error, a file in the way is an IOException.</summary>
        void CreateDirectory(string path);

        /// <summary>Deletes a file, or a symbolic link to a file (the link, never its target). A file already gone is not an error.</summary>
        void DeleteFile(string path);

        /// <summary>Deletes an empty folder, or a junction / folder symbolic link itself (never its target).</summary>
        void DeleteDirectory(string path);

        /// <summary>Moves a file (or a link, as a link) to a path whose folder exists.</summary>
        void MoveFile(string source, string destination);

        /// <summary>Moves a whole folder in one rename. Throws IOException when that is not possible (another volume, a file inside is
        /// open).</summary>
        void MoveDirectory(string source, string destination);

        /// <summary>
        /// Opens a folder as itself for a walk that deletes or moves inside it (<see cref="IFolderHandle"/>): a junction or symbolic link
        /// at the path is refused, never followed. The parts above it are resolved as usual: callers open a folder of the profile
        /// or the module they checked with <see cref="SafeTree.FirstLinkOnTheWay"/>, and go down from there through handles.
        /// </summary>
        /// <exception cref="Platform.LinkRefusedException">The path is a junction or symbolic link.</exception>
        IFolderHandle OpenFolder(string path);

        /// <summary>
        /// Opens an existing file for reading only, sharing read, write and delete, so any other open that shares reading succeeds
        /// meanwhile (one that asks for the file alone, as Windows loading a hive at logon, fails while this handle is open: callers
        /// hold it only to copy the bytes). Nothing is ever created: a missing file is a FileNotFoundException (or
        /// DirectoryNotFoundException). A junction, symbolic link or other reparse point at the path is refused, never followed.
        /// </summary>
        /// <exception cref="Platform.LinkRefusedException">The path is a link.</exception>
        Stream OpenForReading(string path);

        /// <summary>True when the path is on a network share (a UNC path or a mapped network drive), not on a disk of this PC.</summary>
        bool IsOnNetworkShare(string path);

        /// <summary>
        /// Opens a journal for a durable write: a new file (failing when one is there) or an existing one to append to.
        /// Journals go through the seam too, so a test can make the record fail and prove nothing was changed.
        /// </summary>
        Stream OpenJournal(string path, bool createNew);
    }
}
