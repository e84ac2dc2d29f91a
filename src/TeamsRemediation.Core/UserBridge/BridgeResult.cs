using System;
using System.Collections.Generic;

namespace TeamsRemediation.UserBridge
{
    /// <summary>The kinds a value may have in a result file.</summary>
    public enum BridgeValueKind
    {
        Null,
        String,
        Boolean,
        Number,
        DateTime,
        StringArray,
    }

    /// <summary>One property of an object that came back, already checked: a known kind and a value that reads as that kind.</summary>
    public sealed class BridgeProperty
    {
        public BridgeProperty(string name, BridgeValueKind kind, object? value)
        {
            Name = name;
            Kind = kind;
            Value = value;
        }

        public string Name { get; }

        public BridgeValueKind Kind { get; }

        /// <summary>null, string, bool, long or double, DateTime (UTC), or string[].</summary>
        public object? Value { get; }
    }

    /// <summary>One object the command wrote in the user's session: its type name and flat properties, or a single value.</summary>
    public sealed class BridgeObject
    {
        public BridgeObject(string typeName, IReadOnlyList<BridgeProperty> properties, BridgeProperty? scalar)
        {
            TypeName = typeName;
            Properties = properties;
            Scalar = scalar;
        }

        public string TypeName { get; }

        public IReadOnlyList<BridgeProperty> Properties { get; }

        /// <summary>Set when the command wrote a plain value (a summary line) rather than an object.</summary>
        public BridgeProperty? Scalar { get; }
    }

    /// <summary>An error the command reported in the user's session, with the id it had there.</summary>
    public sealed class BridgeError
    {
        public BridgeError(string errorId, string category, string message, string recommendedAction, string target)
        {
            ErrorId = errorId;
            Category = category;
            Message = message;
            RecommendedAction = recommendedAction;
            Target = target;
        }

        /// <summary>The FullyQualifiedErrorId in the user's session.</summary>
        public string ErrorId { get; }

        public string Category { get; }

        public string Message { get; }

        public string RecommendedAction { get; }

        public string Target { get; }
    }

    /// <summary>A result file that passed every check.</summary>
    public sealed class BridgeResult
    {
        public BridgeResult(string languageMode, string psVersion, IReadOnlyList<BridgeObject> objects, IReadOnlyList<BridgeError> errors)
        {
            LanguageMode = languageMode;
            PSVersion = psVersion;
            Objects = objects;
            Errors = errors;
        }

        /// <summary>$ExecutionContext.SessionState.LanguageMode in the user's session.</summary>
        public string LanguageMode { get; }

        public string PSVersion { get; }

        public IReadOnlyList<BridgeObject> Objects { get; }

        public IReadOnlyList<BridgeError> Errors { get; }

        public bool IsFullLanguage => string.Equals(LanguageMode, "FullLanguage", StringComparison.Ordinal);
    }
}
