using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using TeamsRemediation.Platform;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// request.json in a run folder: the parameters of the command the child script runs, written by the bridge before the task
    /// exists. They travel in this file, not on the command line, because powershell.exe -File hands each value over as one literal
    /// string (no lists) and binds a value starting with a dash as a parameter name. The file is SYSTEM's and the Administrators';
    /// the target user may only read it.
    /// <code>
    /// { "runId": "...", "parameterNames": ["Step", "Step"], "parameterValues": ["WamAccounts", "Credentials"], "switchNames": ["Force"] }
    /// </code>
    /// A list parameter repeats its name once per value; the child gathers the values of one name into an array.
    /// </summary>
    [DataContract]
    public sealed class BridgeRequestFile
    {
        public const string FileName = "request.json";

        [DataMember(Name = "runId", Order = 0)]
        public string RunId { get; set; } = string.Empty;

        [DataMember(Name = "parameterNames", Order = 1)]
        public List<string> ParameterNames { get; set; } = new List<string>();

        [DataMember(Name = "parameterValues", Order = 2)]
        public List<string> ParameterValues { get; set; } = new List<string>();

        [DataMember(Name = "switchNames", Order = 3)]
        public List<string> SwitchNames { get; set; } = new List<string>();

        /// <summary>SYSTEM and the Administrators own and may change it (as the journals); the target user may only read it.</summary>
        public static string RequestSddl(string userSid) => "O:BAD:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;" + userSid + ")";

        /// <summary>Writes the request of one run into its run folder, new (never over a file someone put there), and protects it.</summary>
        public static string Write(IMachine machine, string runFolder, BridgeRequest request, string runId, string userSid)
        {
            var pairs = request.Parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
                .Concat(request.ListParameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v))))
                .ToList();
            var document = new BridgeRequestFile
            {
                RunId = runId,
                ParameterNames = pairs.Select(p => p.Key).ToList(),
                ParameterValues = pairs.Select(p => p.Value).ToList(),
                SwitchNames = request.Switches.ToList(),
            };

            var path = Path.Combine(runFolder, FileName);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // UTF-8 without a byte order mark; the child reads it with -Encoding UTF8 in Windows PowerShell 5.1 and 7.
                new DataContractJsonSerializer(typeof(BridgeRequestFile)).WriteObject(file, document);
            }

            machine.Storage.Protect(path, RequestSddl(userSid));
            return path;
        }
    }
}
