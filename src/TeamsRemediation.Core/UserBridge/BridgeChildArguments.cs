using System.Collections.Generic;
using TeamsRemediation.Windows;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// The arguments of the session launcher the task starts in the user's session (<see cref="ShippedLauncher"/>): the child script's
    /// name and a few small named values, which the launcher hands to Windows PowerShell -File with no console window (W20); the
    /// command's own parameters are in the run folder's request file (<see cref="BridgeRequestFile"/>).
    /// </summary>
    internal static class BridgeChildArguments
    {
        /// <summary>
        /// A few hundred characters whatever the request holds, far below the 32,767 CreateProcess takes: the request's values, however
        /// long or many, are in the request file.
        /// </summary>
        public static string Build(string scriptName, BridgeRequest request, string runId, string resultPath, string requestPath)
        {
            var parameters = new List<KeyValuePair<string, object>>
            {
                new KeyValuePair<string, object>("RunId", runId),
                new KeyValuePair<string, object>("ModuleManifest", request.ModuleManifestPath),
                new KeyValuePair<string, object>("ResultPath", resultPath),
                new KeyValuePair<string, object>("CommandName", request.CommandName),
                new KeyValuePair<string, object>("RequestPath", requestPath),
            };

            return ScriptFileCommand.BuildLauncherLine(scriptName, parameters);
        }
    }
}
