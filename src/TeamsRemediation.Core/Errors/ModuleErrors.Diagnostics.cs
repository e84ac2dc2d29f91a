using System.Collections.Generic;

namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError InvalidCheckId(string checkId, IEnumerable<string> known) => new ModuleError(
            "InvalidCheckId",
            ModuleErrorCategory.InvalidArgument,
            "'" + checkId + "' matches no check of Test-TeamsCaa20002. Nothing was checked.",
            "Use one or more of " + string.Join(", ", known) + " (wildcards such as 'Tls.*' work).",
            checkId);

        public static ModuleError InvalidEndpoint(string endpoint, string problem) => new ModuleError(
            "InvalidEndpoint",
            ModuleErrorCategory.InvalidArgument,
            "'" + (endpoint.Length > 80 ? endpoint.Substring(0,
                77) + "..." : endpoint) + "' is not a valid HTTPS endpoint: " + problem + ". Nothing was checked.",
            "Give a host name, host:port or https://host[:port]/path, such as login.microsoftonline.us or 127.0.0.1:8443.",
            endpoint);

        public static ModuleError ConflictingOutputForm(string form) => new ModuleError(
            "ConflictingOutputForm",
            ModuleErrorCategory.InvalidArgument,
            "-Quiet returns one boolean and cannot be combined with -As " + form + ".",
            "Use -Quiet alone, or -As " + form + " alone.",
            form);
    }
}
