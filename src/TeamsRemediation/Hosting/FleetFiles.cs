using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using TeamsRemediation.Errors;
using TeamsRemediation.Fleet;

namespace TeamsRemediation.Hosting
{
    /// <summary>
    /// The -Path of the fleet cmdlets: wildcards resolved by the provider, each file read by the fleet reader, every row handed on as it
    /// is read; a path that matches nothing and a file that cannot be read are the cmdlet's non-terminating errors, the other files go on.
    /// </summary>
    internal sealed class FleetFiles
    {
        private readonly PSCmdlet cmdlet;
        private readonly FleetReader reader;
        private readonly Action<TeamsRemediationFleetRow> take;

        public FleetFiles(PSCmdlet cmdlet, FleetReader reader, Action<TeamsRemediationFleetRow> take)
        {
            this.cmdlet = cmdlet;
            this.reader = reader;
            this.take = take;
        }

        public void ReadPath(string path)
        {
            IEnumerable<string> files;
            try
            {
                files = cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException)
            {
                cmdlet.WriteError(ErrorRecords.From(ModuleErrors.FleetFileNotFound(path)));
                return;
            }

            var any = false;
            foreach (var file in files)
            {
                any = true;
                ReadFile(file);
            }

            if (!any)
            {
                // A wildcard that matches nothing resolves to no file, not to an error: it is one all the same.
                cmdlet.WriteError(ErrorRecords.From(ModuleErrors.FleetFileNotFound(path)));
            }
        }

        public void ReadFile(string path)
        {
            try
            {
                var rows = reader.ReadFile(path, out var error);
                if (error != null)
                {
                    cmdlet.WriteError(ErrorRecords.From(error));
                    return;
                }

                foreach (var row in rows!)
                {
                    take(row);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.WriteError(ErrorRecords.From(ModuleErrors.FleetFileUnreadable(path, e)));
            }
        }
    }
}
