using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Windows;

namespace TeamsRemediation.UserBridge
{
    /// <summary>The command line the task starts in the user's session: Windows PowerShell running the child script with the request.</summary>
    internal static class BridgeChildArguments
    {
        // CreateProcess takes at most 32,767 characters for the whole command line.
        private const int MaximumCommandLine = 32000;

        /// <exception cref="ArgumentException">The request makes a command line longer than Windows starts.</exception>
        public static string Build(string executable, BridgeRequest request, string runId, string resultPath)
        {
            var arguments = ChildArguments(request, runId, resultPath);
            if (executable.Length + arguments.Length + 3 > MaximumCommandLine)
            {
                throw new ArgumentException("The request makes a command line of " + (executable.Length + arguments.Length)
                    + " characters, more than Windows starts (" + MaximumCommandLine + ").");
            }

            return arguments;
        }

        private static string ChildArguments(BridgeRequest request, string runId, string resultPath)
        {
            var parameters = new List<KeyValuePair<string, object>>
            {
                new KeyValuePair<string, object>("RunId", runId),
                new KeyValuePair<string, object>("ModuleManifest", request.ModuleManifestPath),
                new KeyValuePair<string, object>("ResultPath", resultPath),
                new KeyValuePair<string, object>("CommandName", request.CommandName),
            };

            // An empty array would leave a parameter name without a value on the command line.
            // A list parameter repeats its name once per value; the child gathers the values of one name into an array.
            var pairs = request.Parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
                .Concat(request.ListParameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v))))
                .ToList();
            if (pairs.Count > 0)
            {
                parameters.Add(new KeyValuePair<string, object>("ParameterNames", pairs.Select(p => p.Key).ToList()));
                parameters.Add(new KeyValuePair<string, object>("ParameterValues", pairs.Select(p => p.Value).ToList()));
            }

            if (request.Switches.Count > 0)
            {
                parameters.Add(new KeyValuePair<string, object>("SwitchNames", request.Switches.ToList()));
            }

            return WindowsPowerShellScript.BuildArguments(UserSessionBridge.ChildScript, parameters, hiddenWindow: true);
        }
    }
}
