using System.Runtime.Serialization;

namespace TeamsRemediation.Account
{
    // DataContractJsonSerializer runs no constructor or initializer: each getter turns a member the script left
    // out into an empty value instead of null.

    /// <summary>
    /// The one line of JSON Scripts/SignOutWamAccounts.ps1 writes. Field names are the script's; a test checks
    /// the script still writes every one of them.
    /// </summary>
    [DataContract]
    public sealed class WamScriptReport
    {
        /// <summary>Ok, NoProvider (no work or school provider for this user), Unsupported (Windows before 1803) or Failed.</summary>
        [DataMember(Name = "status")]
        public string Status { get => status ?? string.Empty; set => status = value; }

        private string? status;

        /// <summary>List or SignOut.</summary>
        [DataMember(Name = "mode")]
        public string Mode { get => mode ?? string.Empty; set => mode = value; }

        private string? mode;

        /// <summary>
        /// $ExecutionContext.SessionState.LanguageMode measured inside the script file: FullLanguage unless an AppLocker or WDAC policy
        /// did not allow the script. Empty from a script older than this field.
        /// </summary>
        [DataMember(Name = "languageMode")]
        public string LanguageMode { get => languageMode ?? string.Empty; set => languageMode = value; }

        private string? languageMode;

        [DataMember(Name = "error")]
        public string Error { get => error ?? string.Empty; set => error = value; }

        private string? error;

        [DataMember(Name = "clients")]
        public WamClientReport[] Clients { get => clients ?? new WamClientReport[0]; set => clients = value; }

        private WamClientReport[]? clients;
    }

    /// <summary>The accounts WAM holds for one app client id.</summary>
    [DataContract]
    public sealed class WamClientReport
    {
        [DataMember(Name = "clientId")]
        public string ClientId { get => clientId ?? string.Empty; set => clientId = value; }

        private string? clientId;

        /// <summary>FindAllWebAccountsStatus: Success, NotAllowedByProvider, NotSupportedByProvider or ProviderError.</summary>
        [DataMember(Name = "status")]
        public string Status { get => status ?? string.Empty; set => status = value; }

        private string? status;

        [DataMember(Name = "providerErrorCode")]
        public long ProviderErrorCode { get; set; }

        [DataMember(Name = "providerErrorMessage")]
        public string ProviderErrorMessage { get => providerErrorMessage ?? string.Empty; set => providerErrorMessage = value; }

        private string? providerErrorMessage;

        [DataMember(Name = "accounts")]
        public WamAccountReport[] Accounts { get => accounts ?? new WamAccountReport[0]; set => accounts = value; }

        private WamAccountReport[]? accounts;
    }

    /// <summary>One web account: identifiers only, never a token.</summary>
    [DataContract]
    public sealed class WamAccountReport
    {
        [DataMember(Name = "id")]
        public string Id { get => id ?? string.Empty; set => id = value; }

        private string? id;

        [DataMember(Name = "userName")]
        public string UserName { get => userName ?? string.Empty; set => userName = value; }

        private string? userName;

        [DataMember(Name = "state")]
        public string State { get => state ?? string.Empty; set => state = value; }

        private string? state;

        [DataMember(Name = "signedOut")]
        public bool SignedOut { get; set; }

        [DataMember(Name = "error")]
        public string Error { get => error ?? string.Empty; set => error = value; }

        private string? error;
    }

    /// <summary>The one line of JSON Scripts/BrokerPlugin.ps1 writes.</summary>
    [DataContract]
    public sealed class BrokerScriptReport
    {
        /// <summary>Present, Missing, Registered (was missing, registered again), ManifestMissing or Failed.</summary>
        [DataMember(Name = "status")]
        public string Status { get => status ?? string.Empty; set => status = value; }

        private string? status;

        [DataMember(Name = "packageFullName")]
        public string PackageFullName { get => packageFullName ?? string.Empty; set => packageFullName = value; }

        private string? packageFullName;

        [DataMember(Name = "version")]
        public string Version { get => version ?? string.Empty; set => version = value; }

        private string? version;

        [DataMember(Name = "manifestPath")]
        public string ManifestPath { get => manifestPath ?? string.Empty; set => manifestPath = value; }

        private string? manifestPath;

        [DataMember(Name = "error")]
        public string Error { get => error ?? string.Empty; set => error = value; }

        private string? error;
    }
}
