using System.Collections.Generic;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError FleetFileNotFound(string path) => new ModuleError(
            "FleetFileNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "No file matches '" + path + "'. Nothing was read from it.",
            "Give the path of Intune's export (the CSV inside the zip the export job returns), a ConfigMgr report saved as CSV, or a file of lines.",
            path);

        public static ModuleError FleetFileEmpty(string path) => new ModuleError(
            "FleetFileEmpty",
            ModuleErrorCategory.InvalidData,
            "'" + path + "' is empty: it holds no header and no line. Nothing was read from it.",
            "Export the report again; an Intune export job that is still running gives no file yet (wait until its status is completed).",
            path);

        public static ModuleError FleetFileUnrecognized(string path, IEnumerable<string> header, IEnumerable<string> expected) => new ModuleError(
            "FleetFileUnrecognized",
            ModuleErrorCategory.InvalidData,
            "'" + path + "' is neither a report of device run states nor a file of TeamsRemediation lines: its first line ("
                + string.Join(", ", header) + ") names no device column and no detection output column. Nothing was read from it.",
            "Export Intune's DeviceRunStatesByProactiveRemediation report (or ConfigMgr's compliance details) with its header row; the reader looks"
                + " for"
                + " columns such as " + string.Join(", ", expected) + ".",
            path);

        public static ModuleError FleetFileUnreadable(string path, System.Exception e) => new ModuleError(
            "FleetFileUnreadable",
            ModuleErrorCategory.ReadError,
            "'" + path + "' could not be read: " + e.Message + " The rows read before the failure were written.",
            "Check that the file is readable and not locked by the export still running, then read it again.",
            path,
            e);

        public static ModuleError FleetPageNotWritten(string path, System.Exception e) => new ModuleError(
            "FleetPageNotWritten",
            ModuleErrorCategory.WriteError,
            "The fleet page '" + path + "' could not be written: " + e.Message + " The summary objects were still written.",
            "Give -HtmlPath a file in a folder you can write to.",
            path,
            e);
    }
}
