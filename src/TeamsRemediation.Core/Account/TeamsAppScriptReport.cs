using System.Runtime.Serialization;

namespace TeamsRemediation.Account
{
    /// <summary>The one line of JSON Scripts/ResetTeamsApp.ps1 writes.</summary>
    [DataContract]
    public sealed class TeamsAppScriptReport
    {
        /// <summary>Present, Missing, Unsupported (no Reset-AppxPackage on this Windows), Reset or Failed.</summary>
        [DataMember(Name = "status")]
        public string Status { get => status ?? string.Empty; set => status = value; }

        private string? status;

        [DataMember(Name = "packageFullName")]
        public string PackageFullName { get => packageFullName ?? string.Empty; set => packageFullName = value; }

        private string? packageFullName;

        [DataMember(Name = "version")]
        public string Version { get => version ?? string.Empty; set => version = value; }

        private string? version;

        [DataMember(Name = "error")]
        public string Error { get => error ?? string.Empty; set => error = value; }

        private string? error;
    }
}
