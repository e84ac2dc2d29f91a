using System;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// The rules every reader of what a user's session returned applies to one object: a property has the kind it must have, an
    /// enum is one of its names exactly (never a number, never "A, B"), text is cleaned and bounded, and an error keeps only an
    /// id and a category the module could have written. Each reader turns a broken rule into its own rejection.
    /// </summary>
    public static class SessionResultFields
    {
        /// <summary>Far above any text the module writes; longer text is cut, not trusted to be short.</summary>
        public const int MaximumTextLength = 4000;

        private static readonly Regex ErrorIdPattern = new Regex("^[A-Z][A-Za-z0-9_]{0,99}$", RegexOptions.CultureInvariant);

        /// <summary>A String property, cleaned; empty when absent or null and not required.</summary>
        public static string Text(BridgeObject item, string property, bool required, Func<string, Exception> rejected)
        {
            var found = item.Properties.FirstOrDefault(p => p.Name == property);
            if (found == null || found.Kind == BridgeValueKind.Null)
            {
                return required ? throw rejected("a result has no " + property) : string.Empty;
            }

            if (found.Kind != BridgeValueKind.String)
            {
                throw rejected("a result's " + property + " is " + found.Kind + ", not String");
            }

            return Clean((string)found.Value!);
        }

        /// <summary>An enum property by one of its names exactly.</summary>
        public static T Known<T>(BridgeObject item, string property, Func<string, Exception> rejected)
            where T : struct
        {
            var text = Text(item, property, required: true, rejected);
            if (!Enum.GetNames(typeof(T)).Contains(text, StringComparer.Ordinal))
            {
                throw rejected("'" + text + "' is not a " + property + " the module has (" + string.Join(", ", Enum.GetNames(typeof(T))) + ")");
            }

            return (T)Enum.Parse(typeof(T), text);
        }

        public static string Clean(string? text)
        {
            var clean = FindingText.Clean(text);
            return clean.Length > MaximumTextLength ? clean.Substring(0, MaximumTextLength) + "..." : clean;
        }

        /// <summary>
        /// An error of the user's session, with the id it had there (the part before the first comma: PowerShell adds the
        /// command's name again here) and its category; an id or category the module could not have written becomes
        /// UserSessionError / InvalidResult, so nothing in the file can pose as another error.
        /// </summary>
        public static ModuleError ToModuleError(BridgeError error, string where)
        {
            var id = error.ErrorId.Split(',')[0];
            if (!ErrorIdPattern.IsMatch(id))
            {
                id = "UserSessionError";
            }

            var category = Enum.GetNames(typeof(ModuleErrorCategory)).Contains(error.Category, StringComparer.Ordinal)
                ? (ModuleErrorCategory)Enum.Parse(typeof(ModuleErrorCategory), error.Category)
                : ModuleErrorCategory.InvalidResult;
            return new ModuleError(id, category, "In " + where + ": " + Clean(error.Message), Clean(error.RecommendedAction),
                Clean(error.Target));
        }
    }
}
