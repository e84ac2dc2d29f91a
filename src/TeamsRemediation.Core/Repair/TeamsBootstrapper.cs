using System;
using System.IO;
using System.Text.RegularExpressions;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Microsoft's Teams bootstrapper at a path the admin gives (never downloaded): "teamsbootstrapper.exe -p" provisions new
    /// Teams for every user of the PC (run elevated) and prints a JSON answer such as {"success":true} or
    /// {"success":false,"errorCode":"0x80004001"} (Microsoft's "Bulk deploy the new Microsoft Teams desktop client").
    /// </summary>
    public static class TeamsBootstrapper
    {
        public const string ProvisionArgument = "-p";

        private static readonly Regex Success = new Regex("\"success\"\\s*:\\s*(true|false)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ErrorCode = new Regex("\"errorCode\"\\s*:\\s*\"(0x[0-9A-Fa-f]{1,8})\"", RegexOptions.CultureInvariant);

        /// <summary>
        /// The reason the path cannot be run, or null when it is an .exe file (not a link) that exists and carries Microsoft's valid
        /// signature (<see cref="AdminGivenInstaller"/>).
        /// </summary>
        public static ModuleError? Validate(IFileOperations files, IFileSignatures signatures, string path)
        {
            switch (AdminGivenInstaller.Check(files, signatures, path, out var signature))
            {
                case InstallerPathProblem.NotLocal:
                    return ModuleErrors.BootstrapperNotLocal(path);
                case InstallerPathProblem.NotFound:
                    return ModuleErrors.BootstrapperNotFound(path);
                case InstallerPathProblem.IsLink:
                    return ModuleErrors.BootstrapperIsLink(path);
                case InstallerPathProblem.NotExecutable:
                    return ModuleErrors.BootstrapperNotExecutable(path);
                case InstallerPathProblem.NotTrusted:
                    return ModuleErrors.BootstrapperNotTrusted(path, signature);
                default:
                    return null;
            }
        }

        /// <summary>Runs the provisioning; true when the bootstrapper exited 0 and said success; <paramref name="detail"/> is its answer.</summary>
        public static bool Provision(ICommandRunner commands, string path, TimeSpan timeout, out string detail)
        {
            var result = commands.Run(path, ProvisionArgument, timeout);
            if (result.Outcome != CommandOutcome.Completed)
            {
                detail = result.Describe(path);
                return false;
            }

            var said = Success.Match(result.StandardOutput);
            var code = ErrorCode.Match(result.StandardOutput);
            var ok = result.ExitCode == 0 && said.Success && said.Groups[1].Value.Equals("true", StringComparison.OrdinalIgnoreCase);
            detail = Path.GetFileName(path) + " " + ProvisionArgument + " exited " + result.ExitCode + (said.Success ? ", success "
                + said.Groups[1].Value.ToLowerInvariant() : ", no JSON answer") + (code.Success ? ", error " + code.Groups[1].Value : string.Empty);
            return ok;
        }
    }
}
