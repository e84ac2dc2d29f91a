using System.Collections.Generic;
using System.Runtime.Serialization;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// The documented shape of result.json, written by Scripts/UserBridgeChild.ps1 in the user's session:
    /// <code>
    /// { "schema": "TeamsRemediation.UserBridgeResult/1", "runId": "...", "languageMode": "FullLanguage", "psVersion": "5.1...",
    ///   "objects": [ { "typeName": "...", "kind": "Object", "value": null,
    ///                  "properties": [ { "name": "User", "kind": "String", "value": "CONTOSO\\alice", "values": null } ] } ],
    ///   "errors": [ { "errorId": "FullyQualifiedErrorId", "category": "PermissionDenied", "message": "...",
    ///                 "recommendedAction": "...", "target": "..." } ],
    ///   "end": "the run id again" }
    /// </code>
    /// Every value travels as text with its kind (Null, String, Boolean, Number, DateTime in ISO 8601, StringArray in
    /// "values"), so nothing in the file can make the reader build an object of a type it names.
    /// </summary>
    [DataContract]
    public sealed class BridgeResultDocument
    {
        public const string SchemaName = "TeamsRemediation.UserBridgeResult/1";

        [DataMember(Name = "schema")]
        public string? Schema { get; set; }

        [DataMember(Name = "runId")]
        public string? RunId { get; set; }

        [DataMember(Name = "languageMode")]
        public string? LanguageMode { get; set; }

        [DataMember(Name = "psVersion")]
        public string? PSVersion { get; set; }

        [DataMember(Name = "objects")]
        public List<BridgeObjectEntry>? Objects { get; set; }

        [DataMember(Name = "errors")]
        public List<BridgeErrorEntry>? Errors { get; set; }

        /// <summary>The run id again, written last: the JSON reader accepts a document whose closing brackets are missing, so only
        /// this marker proves the file was written to its end.</summary>
        [DataMember(Name = "end")]
        public string? End { get; set; }
    }

    [DataContract]
    public sealed class BridgeObjectEntry
    {
        [DataMember(Name = "typeName")]
        public string? TypeName { get; set; }

        /// <summary>"Object" for an object with properties; otherwise the kind of a single value (a string the command wrote).</summary>
        [DataMember(Name = "kind")]
        public string? Kind { get; set; }

        [DataMember(Name = "value")]
        public string? Value { get; set; }

        [DataMember(Name = "properties")]
        public List<BridgePropertyEntry>? Properties { get; set; }
    }

    [DataContract]
    public sealed class BridgePropertyEntry
    {
        [DataMember(Name = "name")]
        public string? Name { get; set; }

        [DataMember(Name = "kind")]
        public string? Kind { get; set; }

        [DataMember(Name = "value")]
        public string? Value { get; set; }

        [DataMember(Name = "values")]
        public List<string>? Values { get; set; }
    }

    [DataContract]
    public sealed class BridgeErrorEntry
    {
        [DataMember(Name = "errorId")]
        public string? ErrorId { get; set; }

        [DataMember(Name = "category")]
        public string? Category { get; set; }

        [DataMember(Name = "message")]
        public string? Message { get; set; }

        [DataMember(Name = "recommendedAction")]
        public string? RecommendedAction { get; set; }

        [DataMember(Name = "target")]
        public string? Target { get; set; }
    }
}
